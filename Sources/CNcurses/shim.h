#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H

// Wide-character ncurses (get_wch, UTF-8 output). Both must be set before the header.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/ncurses.h>
#include <term.h>
#include <stdio.h>

// Swift imports plain integer macros but not function-like macros (COLOR_PAIR, KEY_F, A_* which
// expand through NCURSES_BITS, the mouse masks), and Swift 6 rejects mutable C globals
// (stdscr, stdin, stdout). Everything the terminal layer needs from the header goes through
// these wrappers, so no ncurses value is ever copied into Swift by hand.

// MARK: Screen and standard streams

/// Starts curses on the process's standard input and output; NULL when the terminal type is unknown.
static inline SCREEN *cn_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }
/// The standard screen window.
static inline WINDOW *cn_stdscr(void) { return stdscr; }
/// Rows of the standard screen.
static inline int cn_rows(void) { return getmaxy(stdscr); }
/// Columns of the standard screen.
static inline int cn_columns(void) { return getmaxx(stdscr); }
/// Number of colours the terminal has (valid after start_color).
static inline int cn_colors(void) { return COLORS; }
/// Value returned by ncurses calls on failure.
static inline int cn_err(void) { return ERR; }
/// Value returned by ncurses calls on success.
static inline int cn_ok(void) { return OK; }

// MARK: Attributes and colours

static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_a_standout(void) { return A_STANDOUT; }
/// The attribute bits that select colour pair `n`.
static inline attr_t cn_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }

static inline short cn_color_black(void) { return COLOR_BLACK; }
static inline short cn_color_red(void) { return COLOR_RED; }
static inline short cn_color_green(void) { return COLOR_GREEN; }
static inline short cn_color_yellow(void) { return COLOR_YELLOW; }
static inline short cn_color_blue(void) { return COLOR_BLUE; }
static inline short cn_color_magenta(void) { return COLOR_MAGENTA; }
static inline short cn_color_cyan(void) { return COLOR_CYAN; }
static inline short cn_color_white(void) { return COLOR_WHITE; }

/// Sets the attributes of the standard screen (colour pair included in `attributes`).
static inline int cn_set_attributes(attr_t attributes) { return attrset((int)attributes); }

// MARK: Input

/// get_wch's result when the value is a key code rather than a character.
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cn_key_up(void) { return KEY_UP; }
static inline int cn_key_down(void) { return KEY_DOWN; }
static inline int cn_key_left(void) { return KEY_LEFT; }
static inline int cn_key_right(void) { return KEY_RIGHT; }
static inline int cn_key_home(void) { return KEY_HOME; }
static inline int cn_key_end(void) { return KEY_END; }
static inline int cn_key_page_up(void) { return KEY_PPAGE; }
static inline int cn_key_page_down(void) { return KEY_NPAGE; }
static inline int cn_key_back_tab(void) { return KEY_BTAB; }
static inline int cn_key_enter(void) { return KEY_ENTER; }
static inline int cn_key_backspace(void) { return KEY_BACKSPACE; }
static inline int cn_key_delete(void) { return KEY_DC; }
static inline int cn_key_insert(void) { return KEY_IC; }
/// Shifted keys that have a code of their own (Shift-Up and Shift-Down are "scroll" keys).
static inline int cn_key_shift_up(void) { return KEY_SR; }
static inline int cn_key_shift_down(void) { return KEY_SF; }
static inline int cn_key_shift_left(void) { return KEY_SLEFT; }
static inline int cn_key_shift_right(void) { return KEY_SRIGHT; }
static inline int cn_key_shift_home(void) { return KEY_SHOME; }
static inline int cn_key_shift_end(void) { return KEY_SEND; }
static inline int cn_key_shift_page_up(void) { return KEY_SPREVIOUS; }
static inline int cn_key_shift_page_down(void) { return KEY_SNEXT; }
static inline int cn_key_shift_delete(void) { return KEY_SDC; }
static inline int cn_key_shift_insert(void) { return KEY_SIC; }
static inline int cn_key_resize(void) { return KEY_RESIZE; }
static inline int cn_key_mouse(void) { return KEY_MOUSE; }
/// Keypad corners, which some terminals send for Home/End/PgUp/PgDn.
static inline int cn_key_a1(void) { return KEY_A1; }
static inline int cn_key_a3(void) { return KEY_A3; }
static inline int cn_key_c1(void) { return KEY_C1; }
static inline int cn_key_c3(void) { return KEY_C3; }
/// Key code of function key `n` (F1 is 1).
static inline int cn_key_f(int n) { return KEY_F(n); }
/// The highest function key number ncurses reserves a code for.
static inline int cn_function_key_count(void) { return KEY_F(63) - KEY_F0; }

/// The string of terminfo capability `name` (e.g. "kf13"), or NULL when the terminal lacks it.
static inline const char *cn_string_capability(const char *name) {
  char *value = tigetstr(name);
  return value == (char *)-1 ? NULL : value;
}

/// Teaches ncurses that `sequence` means key `code`, unless the terminal description already
/// gives the sequence a meaning.
static inline void cn_define_key_if_unknown(const char *sequence, int code) {
  if (key_defined(sequence) == 0) define_key(sequence, code);
}

/// The key code ncurses assigned to an extended terminfo key such as "kHOM5" (Ctrl-Home),
/// or 0 when the terminal description does not define it.
static inline int cn_extended_key_code(const char *capability) {
  char *sequence = tigetstr(capability);
  if (sequence == NULL || sequence == (char *)-1) return 0;
  int code = key_defined(sequence);
  return code > 0 ? code : 0;
}

// MARK: Mouse

/// The wheel events we ask for: button 4 (wheel up) and button 5 (wheel down).
static inline mmask_t cn_wheel_mask(void) { return BUTTON4_PRESSED | BUTTON5_PRESSED; }
/// Whether `event` is a wheel step up (+1), down (-1), or neither (0).
static inline int cn_wheel_direction(const MEVENT *event) {
  if (event->bstate & BUTTON4_PRESSED) return 1;
  if (event->bstate & BUTTON5_PRESSED) return -1;
  return 0;
}

#endif
