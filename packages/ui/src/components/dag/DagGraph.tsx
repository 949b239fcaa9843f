import {
  Background,
  Controls,
  type Edge,
  Handle,
  MarkerType,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { Link } from "@tanstack/react-router";
import { memo, useMemo } from "react";
import { layoutTasks, nodeHeight, nodeWidth, type TaskLinks } from "./layoutTasks.js";

type TaskNodeData = {
  dagId: string;
  taskId: string;
  runId: string | null;
  state: string | null;
};
type TaskNode = Node<TaskNodeData, "task">;

/**
 * The DAG's tasks as a left-to-right graph, each coloured by its state in the chosen run.
 * A node is a link to the task's log in that run, so it works by keyboard and by click.
 */
export function DagGraph({
  dagId,
  tasks,
  runId,
  states,
}: {
  dagId: string;
  tasks: readonly TaskLinks[];
  runId: string | null;
  states: ReadonlyMap<string, string | null>;
}) {
  // The layout and edges depend on the task list only; state refreshes every 2 s must not redo them.
  const layout = useMemo(() => layoutTasks(tasks), [tasks]);
  const edges = useMemo(
    () =>
      tasks.flatMap((task) =>
        task.downstream_task_ids.map(
          (downstream): Edge => ({
            id: `${task.task_id}->${downstream}`,
            source: task.task_id,
            target: downstream,
            markerEnd: { type: MarkerType.ArrowClosed },
          }),
        ),
      ),
    [tasks],
  );
  const nodes = useMemo(
    () =>
      layout.order.map(
        (taskId): TaskNode => ({
          id: taskId,
          type: "task",
          position: layout.positions.get(taskId) ?? { x: 0, y: 0 },
          width: nodeWidth,
          height: nodeHeight,
          data: { dagId, taskId, runId, state: states.get(taskId) ?? null },
          // React Flow lets clicks through a node that is neither draggable nor selectable;
          // this one's link must receive them.
          style: { pointerEvents: "all" },
        }),
      ),
    [layout, dagId, runId, states],
  );

  return (
    <div className="dag-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        // A small DAG at full zoom would fill the pane with giant boxes.
        fitViewOptions={{ maxZoom: 1 }}
        minZoom={0.05}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        onlyRenderVisibleElements
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

const TaskNodeView = memo(function TaskNodeView({ data }: NodeProps<TaskNode>) {
  const state = data.state ?? "none";
  const content = (
    <>
      <span className="task-node-id">{data.taskId}</span>
      <span className="task-node-state">{state.replaceAll("_", " ")}</span>
    </>
  );
  return (
    <div className={`task-node state-${state}`} title={`${data.taskId}: ${state}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      {data.runId ? (
        <Link
          to="/dags/$dagId/runs/$runId/tasks/$taskId"
          params={{ dagId: data.dagId, runId: data.runId, taskId: data.taskId }}
          aria-label={`${data.taskId}: ${state}`}
          className="task-node-body"
        >
          {content}
        </Link>
      ) : (
        <span className="task-node-body">{content}</span>
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
});

const nodeTypes = { task: TaskNodeView };
