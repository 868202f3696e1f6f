#include "EditorColors.h"

#include <QPalette>

namespace EditorColors {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor mix(const QColor &from, const QColor &to, qreal amount)
{
    const auto channel = [amount](float a, float b) { return a + (b - a) * static_cast<float>(amount); };
    return QColor::fromRgbF(channel(from.redF(), to.redF()),
                            channel(from.greenF(), to.greenF()),
                            channel(from.blueF(), to.blueF()));
}

} // namespace EditorColors
