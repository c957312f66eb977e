print("hydrawatch-train: not built yet")
