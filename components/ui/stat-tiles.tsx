/** One figure of a dashboard: what it counts and its value, already formatted. `value` (raw) goes into
 * data-value where a journey reads the number rather than its Persian text. */
export type StatTile = { key: string; label: string; value: string; raw?: number };

/** A grid of figure cards (monitoring, business report, job queue); each tile's test id is `testIdPrefix` + key. */
export function StatTiles({ tiles, testIdPrefix }: { tiles: StatTile[]; testIdPrefix: string }) {
  return (
    <ul className="tiles">
      {tiles.map((tile) => (
        <li key={tile.key} className="card tile" data-testid={`${testIdPrefix}${tile.key}`} data-value={tile.raw}>
          <span className="muted">{tile.label}</span>
          <strong>{tile.value}</strong>
        </li>
      ))}
    </ul>
  );
}
