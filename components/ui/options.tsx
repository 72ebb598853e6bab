/** A select's options: the empty choice, named `none`, then each item by its id and label. */
export function Options({
  none,
  items,
}: {
  none: string;
  items: ReadonlyArray<{ id: string; label: string }>;
}) {
  return (
    <>
      <option value="">{none}</option>
      {items.map((item) => (
        <option key={item.id} value={item.id}>
          {item.label}
        </option>
      ))}
    </>
  );
}
