print("hydrawatch-evaluate: not built yet")
