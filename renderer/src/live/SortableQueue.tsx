/**
 * The presentation queue as a sortable list (@dnd-kit): drag a team by its handle with the mouse or touch, or focus
 * the handle and use Space, the arrow keys and Space again (dnd-kit's keyboard sensor, with spoken announcements
 * naming the teams). A drop hands the new order to `onReorder`; the list itself holds no order of its own (the
 * host's queue does, so it re-renders from the `evaluate` document).
 */
import type { ReactNode } from 'react';
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';

export function SortableQueue({
  ids,
  name,
  onReorder,
  label,
  children,
}: {
  ids: string[];
  name: (id: string) => string;
  onReorder: (ids: string[]) => void;
  label: string;
  /** The item's contents; `handle` is the drag handle to place in it. */
  children: (id: string, index: number, handle: ReactNode) => ReactNode;
}) {
  const sensors = useSensors(
    // A few pixels before a drag starts, so a click on the handle stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const place = (id: unknown) => ids.indexOf(String(id)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${name(String(active.id))}, place ${place(active.id)} of ${ids.length}.`,
    onDragOver: ({ active, over }) =>
      over
        ? `${name(String(active.id))} moved to place ${place(over.id)} of ${ids.length}.`
        : `${name(String(active.id))} is outside the list.`,
    onDragEnd: ({ active, over }) =>
      over ? `${name(String(active.id))} dropped at place ${place(over.id)} of ${ids.length}.` : `${name(String(active.id))} dropped.`,
    onDragCancel: ({ active }) => `Moving ${name(String(active.id))} was cancelled.`,
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = ids.indexOf(String(active.id));
    const to = ids.indexOf(String(over.id));
    if (from >= 0 && to >= 0) onReorder(arrayMove(ids, from, to));
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable: 'To move a team, press Space, then the up and down arrow keys, then Space to drop it or Escape to cancel.',
        },
      }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ol className="list" aria-label={label}>
          {ids.map((id, i) => (
            <SortableItem key={id} id={id} name={name(id)}>
              {(handle) => children(id, i, handle)}
            </SortableItem>
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function SortableItem({ id, name, children }: { id: string; name: string; children: (handle: ReactNode) => ReactNode }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const handle = (
    <button
      type="button"
      className="btn"
      ref={setActivatorNodeRef}
      {...attributes}
      {...listeners}
      aria-label={`Drag ${name} to reorder`}
      data-testid={`drag-${id}`}
      style={{ cursor: isDragging ? 'grabbing' : 'grab', touchAction: 'none' }}
    >
      ⠿
    </button>
  );
  return (
    <li
      ref={setNodeRef}
      data-testid={`queue-${id}`}
      style={{ transform: CSS.Transform.toString(transform), transition, position: 'relative', zIndex: isDragging ? 1 : undefined }}
    >
      {children(handle)}
    </li>
  );
}
