/**
 * Owns: a board's text alternative on screen — its elements as a list (shared/room/boardDescription.ts) in a
 * disclosure, closed by default (it can be long), whose summary gives the count. Used under the editor (TeamBoard)
 * and under the phone's picture of a board (BoardPreview); `id` lets the board's region point at the summary.
 */
import { summarizeBoard, type BoardDescription } from '../../../shared/room/boardDescription';

export function BoardList({ id, label, description }: { id?: string; label: string; description: BoardDescription }) {
  return (
    <details className="board-list" data-testid="board-list" style={{ marginTop: 8 }}>
      <summary id={id}>
        {label} as a list: {summarizeBoard(description)}
      </summary>
      {description.items.length > 0 ? (
        <ul>
          {description.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      ) : null}
      {description.more > 0 ? <p className="muted">and {description.more} more</p> : null}
    </details>
  );
}
