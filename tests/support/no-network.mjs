/**
 * Preloaded (`node --import`) to cut a process off the network: every way out (sockets,
 * TLS, name lookups, fetch) throws, and each attempt is reported on stderr, so that a test
 * can show that what ran needed no network.
 */
import dns from "node:dns";
import net from "node:net";
import tls from "node:tls";

const refuse = (what) =>
  function refused() {
    process.stderr.write(`network refused: ${what}\n`);
    throw new Error(`network refused: ${what}`);
  };

net.Socket.prototype.connect = refuse("socket connect");
net.connect = net.createConnection = refuse("net.connect");
tls.connect = refuse("tls.connect");
dns.lookup = refuse("dns.lookup");
dns.promises.lookup = refuse("dns.promises.lookup");
const refuseFetch = refuse("fetch");
globalThis.fetch = async () => refuseFetch();
