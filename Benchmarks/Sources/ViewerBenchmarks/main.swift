print("ViewerBenchmarks: not written yet")
