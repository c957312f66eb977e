print("hydrawatch-extract: not built yet")
