// Evaluation: see README.md in this folder.
