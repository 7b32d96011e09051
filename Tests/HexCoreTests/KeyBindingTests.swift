import Testing

@testable import HexCore

@Suite("KeyBinding")
struct KeyBindingTests {
  @Test(
    "every contract key maps to its command in both panes",
    arguments: [
      (Key.left, Command.moveLeft), (.right, .moveRight), (.up, .moveUp), (.down, .moveDown),
      (.pageUp, .pageUp), (.pageDown, .pageDown), (.home, .rowStart), (.end, .rowEnd),
      (.controlHome, .fileStart), (.controlEnd, .fileEnd), (.control("g"), .goToPrompt),
      (.tab, .switchPane), (.backTab, .switchPane), (.function(1), .help), (.control("q"), .quit),
      (.wheelUp, .scrollUp), (.wheelDown, .scrollDown), (.control("z"), .undo), (.control("y"), .redo),
      (.control("s"), .save), (.control("r"), .reload), (.control("f"), .findPrompt), (.control("n"), .findNext),
      (.control("p"), .findPrevious), (.escape, .cancel), (.resize, .resize),
    ])
  func contractKeys(key: Key, command: Command) {
    #expect(KeyBinding.command(for: key, in: .hex) == command)
    #expect(KeyBinding.command(for: key, in: .text) == command)
  }

  @Test("g and G jump in the hex pane and are typed in the text pane")
  func gKeys() {
    #expect(KeyBinding.command(for: .character("g"), in: .hex) == .fileStart)
    #expect(KeyBinding.command(for: .character("G"), in: .hex) == .fileEnd)
    #expect(KeyBinding.command(for: .character("g"), in: .text) == .type("g"))
    #expect(KeyBinding.command(for: .character("G"), in: .text) == .type("G"))
  }

  @Test("hex digits type in the hex pane; other letters do not")
  func hexDigits() {
    for digit in "0123456789abcdefABCDEF" {
      #expect(KeyBinding.command(for: .character(digit), in: .hex) == .type(digit))
    }
    #expect(KeyBinding.command(for: .character("z"), in: .hex) == nil)
    #expect(KeyBinding.command(for: .character(" "), in: .hex) == nil)
    #expect(KeyBinding.command(for: .character("é"), in: .hex) == nil)
  }

  @Test("printable characters (non-ASCII too) and Enter type in the text pane; control codes do not")
  func printable() {
    #expect(KeyBinding.command(for: .character(" "), in: .text) == .type(" "))
    #expect(KeyBinding.command(for: .character("~"), in: .text) == .type("~"))
    #expect(KeyBinding.command(for: .character("é"), in: .text) == .type("é"))
    #expect(KeyBinding.command(for: .character("\u{7F}"), in: .text) == nil)
    #expect(KeyBinding.command(for: .enter, in: .text) == .type("\n"))
    // In the hex pane Enter goes to the next difference (compare view), as in vbindiff.
    #expect(KeyBinding.command(for: .enter, in: .hex) == .nextDifference)
    #expect(KeyBinding.command(for: .unknown(999), in: .text) == nil)
  }

  @Test("a paste from the terminal is one paste command in either pane, whatever its text")
  func paste() {
    for pane in Pane.allCases {
      #expect(KeyBinding.command(for: .paste("de ad"), in: pane) == .paste("de ad"))
      #expect(KeyBinding.command(for: .paste("g"), in: pane) == .paste("g"), "never read as the key g")
    }
  }

  @Test("no key is bound twice in a pane")
  func noConflicts() {
    for pane in Pane.allCases {
      var seen: Set<Key> = []
      for binding in KeyBinding.table where binding.scope.includes(pane) {
        if case .key(let key) = binding.trigger {
          #expect(!seen.contains(key), "\(key) bound twice in \(pane)")
          seen.insert(key)
        }
      }
    }
  }

  @Test("the help lists every binding except terminal events")
  func helpListsEverything() {
    let help = HelpScreen.lines.joined(separator: "\n")
    for binding in KeyBinding.table {
      let listed = help.contains(binding.triggerName) && help.contains(binding.summary)
      #expect(listed == binding.isListedInHelp, "\(binding.triggerName): \(binding.summary)")
    }
    #expect(help.contains("Ctrl-Home, g (hex)  "))
    #expect(help.contains("0-9 a-f (hex)"))
    #expect(help.contains("any character (text)"))
  }

  @Test("key names")
  func names() {
    #expect(KeyBinding.name(of: .control("g")) == "Ctrl-G")
    #expect(KeyBinding.name(of: .function(1)) == "F1")
    #expect(KeyBinding.name(of: .pageDown) == "PgDn")
    #expect(KeyBinding.name(of: .character(" ")) == "Space")
    #expect(KeyBinding.name(of: .backTab) == "Shift-Tab")
  }

  @Test(
    "keys are named as people say them, never by a raw code",
    arguments: [
      (Key.right.with(.shift), "Shift-Right"), (Key.insert, "Insert"), (Key.left.with(.alt), "Alt-Left"),
      (Key.control(" "), "Ctrl-Space"), (Key.left.with([.control, .shift]), "Ctrl-Shift-Left"),
      (Key.delete.with(.shift), "Shift-Delete"), (Key.right.with([.control, .alt]), "Ctrl-Alt-Right"),
      (Key.function(1).with(.shift), "Shift-F1"), (Key.up.with([.alt, .shift]), "Alt-Shift-Up"),
      (Key.pageDown.with(.control), "Ctrl-PgDn"), (Key.home.with(.control), "Ctrl-Home"),
    ] as [(Key, String)])
  func peoplesNames(key: Key, name: String) {
    #expect(KeyBinding.name(of: key) == name)
  }

  @Test("a modified key has one form, so Ctrl-Home from any terminal is bound")
  func canonicalForms() {
    #expect(Key.home.with(.control) == .controlHome)
    #expect(Key.end.with(.control) == .controlEnd)
    #expect(Key.tab.with(.shift) == .backTab)
    #expect(Key.left.with([]) == .left)
    #expect(KeyBinding.command(for: Key.home.with(.control), in: .hex) == .fileStart)
    #expect(KeyBinding.command(for: Key.right.with(.shift), in: .hex) == .extendSelection(.moveRight))
    #expect(KeyBinding.command(for: Key.right.with(.alt), in: .hex) == nil)
  }

  @Test(
    "xterm's modifier parameters",
    arguments: [
      (2, KeyModifiers.shift), (3, KeyModifiers.alt), (4, KeyModifiers([.alt, .shift])),
      (5, KeyModifiers.control), (6, KeyModifiers([.control, .shift])), (7, KeyModifiers([.control, .alt])),
      (8, KeyModifiers([.control, .alt, .shift])), (1, KeyModifiers()),
    ] as [(Int, KeyModifiers)])
  func xtermParameters(parameter: Int, modifiers: KeyModifiers) {
    #expect(KeyModifiers(xtermParameter: parameter) == modifiers)
  }
}

@Suite("KeyBinding: compare view")
struct CompareKeyBindingTests {
  @Test("Ctrl-W switches files, F8 and Enter (hex pane) go to the next difference, F7 to the previous")
  func compareKeys() {
    #expect(KeyBinding.command(for: .control("w"), in: .hex) == .switchFile)
    #expect(KeyBinding.command(for: .control("w"), in: .text) == .switchFile)
    #expect(KeyBinding.command(for: .function(8), in: .text) == .nextDifference)
    #expect(KeyBinding.command(for: .function(7), in: .hex) == .previousDifference)
  }
}
