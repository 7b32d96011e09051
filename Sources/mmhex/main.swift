print("mmhex")
