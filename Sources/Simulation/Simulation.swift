// Simulation: see README.md in this folder.
