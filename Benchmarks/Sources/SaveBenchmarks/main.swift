print("SaveBenchmarks: not written yet")
