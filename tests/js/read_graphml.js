// Read a GraphML file with graphology-graphml and print what a user of Gephi Lite would see:
// counts, graph type, and for every node and edge attribute the JavaScript types it holds.
// Usage: node read_graphml.js FILE.graphml
"use strict";
const fs = require("fs");
const Graph = require("graphology");
const graphml = require("graphology-graphml");

const graph = graphml.parse(Graph, fs.readFileSync(process.argv[2], "utf-8"));
const types = {nodes: {}, edges: {}};
const note = (table, attrs) => {
  for (const [key, value] of Object.entries(attrs)) {
    (table[key] = table[key] || new Set()).add(typeof value);
  }
};
graph.forEachNode((node, attrs) => note(types.nodes, attrs));
graph.forEachEdge((edge, attrs) => note(types.edges, attrs));
const sets = (table) => Object.fromEntries(
  Object.entries(table).map(([key, set]) => [key, [...set].sort()]));
const nodes = {};
graph.forEachNode((node, attrs) => { nodes[node] = attrs; });
process.stdout.write(JSON.stringify({
  order: graph.order, size: graph.size, type: graph.type, multi: graph.multi,
  nodeTypes: sets(types.nodes), edgeTypes: sets(types.edges), nodes,
}));
