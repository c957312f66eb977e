print("hydrawatch-simulate: not built yet")
