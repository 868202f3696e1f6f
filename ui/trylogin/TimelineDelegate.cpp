#include "TimelineDelegate.h"

#include "ui/shell/Theme.h"

#include <QAbstractItemView>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QStringList>

#include <utility>

namespace {

constexpr int kPadX = 14;
constexpr int kPadY = 9;
constexpr int kGap = 12;
constexpr int kChipPadX = 7;

const QStringList &steps()
{
    static const QStringList keys {QStringLiteral("login"),
                                   QStringLiteral("signup"),
                                   QStringLiteral("action"),
                                   QStringLiteral("console"),
                                   QStringLiteral("mfa"),
                                   QStringLiteral("enroll"),
                                   QStringLiteral("sms"),
                                   QStringLiteral("delivery"),
                                   QStringLiteral("challenge"),
                                   QStringLiteral("done"),
                                   QStringLiteral("failed")};
    return keys;
}

QFont smallFont(const QFont &font)
{
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() - 1);
    return small;
}

QFont chipFont(const QFont &font)
{
    QFont chip = smallFont(font);
    chip.setWeight(QFont::DemiBold);
    return chip;
}

/// The text colour and the background of a step's label.
std::pair<QColor, QColor> tone(const QString &step)
{
    const Theme &theme = Theme::instance();
    const auto pair = [&theme](const char *text, const char *background) {
        return std::pair {theme.color(QLatin1String(text)), theme.color(QLatin1String(background))};
    };
    if (step == QLatin1String("done"))
        return pair("success", "successSoft");
    if (step == QLatin1String("failed"))
        return pair("danger", "dangerSoft");
    if (step == QLatin1String("action") || step == QLatin1String("console"))
        return pair("accentText", "accentSoft");
    return pair("muted", "chip");
}

} // namespace

TimelineDelegate::TimelineDelegate(QAbstractItemView *view)
    : QStyledItemDelegate(view)
    , m_view(view)
{ }

QString TimelineDelegate::stepLabel(const QString &step)
{
    static const QHash<QString, QString> labels {
        {QStringLiteral("login"), tr("Login")},
        {QStringLiteral("signup"), tr("Sign up")},
        {QStringLiteral("action"), tr("Action")},
        {QStringLiteral("console"), tr("Console")},
        {QStringLiteral("mfa"), tr("MFA")},
        {QStringLiteral("enroll"), tr("Enroll")},
        {QStringLiteral("sms"), tr("SMS")},
        {QStringLiteral("delivery"), tr("Delivery")},
        {QStringLiteral("challenge"), tr("Challenge")},
        {QStringLiteral("done"), tr("Done")},
        {QStringLiteral("failed"), tr("Failed")},
    };
    return labels.value(step, step);
}

TimelineDelegate::Columns TimelineDelegate::columns(const QFont &font, int width) const
{
    const QFontMetrics time(smallFont(font));
    const QFontMetrics chip(chipFont(font));
    int widest = 0;
    for (const QString &step : steps())
        widest = std::max(widest, chip.horizontalAdvance(stepLabel(step)));
    Columns c;
    c.time = kPadX;
    c.step = c.time + time.horizontalAdvance(QStringLiteral("00:00:00")) + kGap;
    c.text = c.step + widest + 2 * kChipPadX + kGap;
    c.textWidth = std::max(40, width - c.text - kPadX);
    return c;
}

QSize TimelineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int width = m_view->viewport()->width();
    const Columns c = columns(option.font, width);
    const QFontMetrics text(option.font);
    const QRect wrapped = text.boundingRect(
        QRect(0, 0, c.textWidth, 1 << 20), Qt::TextWordWrap, index.data(TextRole).toString());
    const int chipHeight = QFontMetrics(chipFont(option.font)).height() + 4;
    return {width, std::max(wrapped.height(), chipHeight) + 2 * kPadY};
}

void TimelineDelegate::paint(QPainter *painter,
                             const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const Theme &theme = Theme::instance();
    const QRect rect = option.rect;
    const Columns c = columns(option.font, rect.width());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (option.state & QStyle::State_Selected)
        painter->fillRect(rect, theme.color(QStringLiteral("hover")));
    // A line above every entry but the first, so that adding an entry never needs the one before redrawn.
    if (index.row() > 0) {
        painter->setPen(theme.color(QStringLiteral("rowLine")));
        painter->drawLine(rect.left() + kPadX, rect.top(), rect.right() - kPadX, rect.top());
    }

    // Time and step sit on the text's first line; the text wraps in its own column.
    const QFontMetrics text(option.font);
    const int firstLine = rect.top() + kPadY;
    const int lineHeight = text.height();

    painter->setFont(smallFont(option.font));
    painter->setPen(theme.color(QStringLiteral("muted")));
    painter->drawText(QRect(rect.left() + c.time, firstLine, c.step - c.time, lineHeight),
                      Qt::AlignLeft | Qt::AlignVCenter,
                      index.data(TimeRole).toString());

    const QString step = index.data(StepRole).toString();
    const auto [foreground, background] = tone(step);
    const QFont chip = chipFont(option.font);
    const QFontMetrics chipMetrics(chip);
    const QString label = stepLabel(step);
    const int chipHeight = chipMetrics.height() + 4;
    const QRectF chipRect(rect.left() + c.step,
                          firstLine + (lineHeight - chipHeight) / 2.0,
                          chipMetrics.horizontalAdvance(label) + 2 * kChipPadX,
                          chipHeight);
    QPainterPath pill;
    pill.addRoundedRect(chipRect, chipHeight / 2.0, chipHeight / 2.0);
    painter->fillPath(pill, background);
    painter->setFont(chip);
    painter->setPen(foreground);
    painter->drawText(chipRect, Qt::AlignCenter, label);

    painter->setFont(option.font);
    painter->setPen(theme.color(QStringLiteral("text")));
    painter->drawText(QRect(rect.left() + c.text, firstLine, c.textWidth, rect.height() - 2 * kPadY),
                      Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                      index.data(TextRole).toString());
    painter->restore();
}
