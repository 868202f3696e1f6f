#pragma once

#include <QColor>

class QPalette;

/**
 * @brief Colour helpers shared by the editor widgets, so that they derive their tints from the palette
 * the same way in the light and the dark look.
 */
namespace EditorColors {

/// Whether @p palette is a dark one: its window is darker than its text.
bool isDark(const QPalette &palette);

/// @p from moved @p amount (0 to 1) of the way towards @p to, opaque.
QColor mix(const QColor &from, const QColor &to, qreal amount);

} // namespace EditorColors
