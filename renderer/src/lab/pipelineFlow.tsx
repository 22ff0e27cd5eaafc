/**
 * Owns: the pipeline drawn as a node graph with @xyflow/react 12 (its CSS is imported here, so it only loads with
 * the lab). A picture for sighted users that is also keyboard-reachable: each node is a focusable button with an
 * accessible name (step, on/off, note); Enter or a click selects it. Nothing is dragged, connected, zoomed or
 * panned: the layout comes from pipelineGraph.ts. Switching steps happens in the step list beside it.
 */
import { Handle, Position, ReactFlow, MarkerType, type Edge, type Node, type NodeChange, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useMemo } from 'react';
import type { PipelineStep } from '../../../shared/lab/actions';
import type { PipelineConfig } from '../../../shared/lab/labTypes';
import { NODE_WIDTH, pipelineGraph, type PipelineGraphNode, type PipelineNodeData } from './pipelineGraph';

type StepNode = Node<PipelineNodeData & Record<string, unknown>, 'step'>;

const STATUS_TEXT = { on: 'On', off: 'Off', always: 'Always on' } as const;
const HIDDEN_HANDLE = { opacity: 0, pointerEvents: 'none' } as const;

function StepNodeView({ data, selected }: NodeProps<StepNode>) {
  return (
    <div className={`pipeline-node pipeline-node-${data.status}${selected ? ' pipeline-node-selected' : ''}`} style={{ width: NODE_WIDTH }}>
      {(['Left', 'Right', 'Top', 'Bottom'] as const).map((side) => (
        <Handle key={`t${side}`} id={`t${side}`} type="target" position={Position[side]} isConnectable={false} style={HIDDEN_HANDLE} />
      ))}
      {(['Left', 'Right', 'Top', 'Bottom'] as const).map((side) => (
        <Handle key={`s${side}`} id={`s${side}`} type="source" position={Position[side]} isConnectable={false} style={HIDDEN_HANDLE} />
      ))}
      {/* The node's accessible name is its text, e.g. "Train On every 14 d". */}
      <span className="pipeline-node-label">{data.label}</span>
      <span className="pipeline-node-status">
        <span aria-hidden="true">{data.status === 'off' ? '○ ' : '● '}</span>
        {STATUS_TEXT[data.status]}
      </span>
      <span className="pipeline-node-note">{data.note}</span>
    </div>
  );
}

const nodeTypes = { step: StepNodeView };

function handles(a: PipelineGraphNode, b: PipelineGraphNode): { sourceHandle: string; targetHandle: string } {
  if (a.position.y === b.position.y)
    return a.position.x < b.position.x
      ? { sourceHandle: 'sRight', targetHandle: 'tLeft' }
      : { sourceHandle: 'sLeft', targetHandle: 'tRight' };
  return a.position.y < b.position.y
    ? { sourceHandle: 'sBottom', targetHandle: 'tTop' }
    : { sourceHandle: 'sTop', targetHandle: 'tBottom' };
}

export function PipelineFlow({
  config,
  selected,
  onSelect,
}: {
  config: PipelineConfig;
  selected: PipelineStep;
  onSelect: (step: PipelineStep) => void;
}) {
  const { nodes, edges } = useMemo(() => {
    const g = pipelineGraph(config);
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    const nodes: StepNode[] = g.nodes.map((n) => ({
      id: n.id,
      type: 'step',
      position: n.position,
      data: { ...n.data },
      selected: n.id === selected,
      ariaRole: 'button',
      domAttributes: { 'aria-pressed': n.id === selected },
    }));
    const edges: Edge[] = g.edges.map((e) => {
      const colour = e.active ? (e.loop ? 'var(--warn)' : 'var(--accent)') : 'var(--text-2)';
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        ...(e.loop ? { sourceHandle: 'sTop', targetHandle: 'tBottom' } : handles(byId.get(e.source)!, byId.get(e.target)!)),
        type: e.loop ? 'smoothstep' : 'default',
        animated: e.loop && e.active,
        focusable: false,
        selectable: false,
        ariaLabel: e.loop
          ? `Continuous training: ${e.label ?? ''}`
          : `${byId.get(e.source)!.data.label} to ${byId.get(e.target)!.data.label}${e.active ? '' : ' (not automated)'}`,
        style: { stroke: colour, strokeWidth: e.active ? 3 : 2, strokeDasharray: e.active && !e.loop ? undefined : '6 5' },
        markerEnd: { type: MarkerType.ArrowClosed, color: colour, width: 18, height: 18 },
        ...(e.label
          ? {
              label: e.label,
              labelStyle: { fill: 'var(--text)', fontSize: 15, fontWeight: 600 },
              labelBgStyle: { fill: 'var(--surface)' },
              labelBgPadding: [6, 3] as [number, number],
            }
          : {}),
      };
    });
    return { nodes, edges };
  }, [config, selected]);

  const onNodesChange = useCallback(
    (changes: NodeChange<StepNode>[]) => {
      for (const c of changes) if (c.type === 'select' && c.selected) onSelect(c.id as PipelineStep);
    },
    [onSelect],
  );

  return (
    <div className="pipeline-flow" data-testid="pipeline-graph">
      <ReactFlow<StepNode, Edge>
        aria-label="Pipeline graph: Tab to a step, Enter to show its inputs, outputs and logs"
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        fitView
        fitViewOptions={{ padding: 0.08 }}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        elementsSelectable
        zoomOnScroll={false}
        zoomOnPinch={false}
        zoomOnDoubleClick={false}
        panOnDrag={false}
        panOnScroll={false}
        preventScrolling={false}
        autoPanOnNodeFocus={false}
        minZoom={0.3}
      />
    </div>
  );
}
