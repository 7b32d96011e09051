MMHex.runAsMain()
