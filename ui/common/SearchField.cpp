#include "SearchField.h"

#include "ui/shell/Theme.h"

#include <QEvent>
#include <QPainter>
#include <QStyle>
#include <QToolButton>

SearchField::SearchField(QWidget *parent)
    : QLineEdit(parent)
    , m_icon(Theme::instance().icon(QStringLiteral("search")))
{
    setClearButtonEnabled(true);
    // The clear button is the line edit's only button; Qt leaves it without a name. (Not through its
    // action's text: a changed action shows the button even while the field is empty.)
    const QList<QToolButton *> buttons = findChildren<QToolButton *>(QString(), Qt::FindDirectChildrenOnly);
    for (QToolButton *button : buttons)
        button->setAccessibleName(tr("Clear search"));
    updateMargins();
    connect(&Theme::instance(), &Theme::changed, this, [this] {
        m_icon = Theme::instance().icon(QStringLiteral("search"));
        update();
    });
}

QRect SearchField::iconSlot() const
{
    // The geometry QLineEdit gives a leading action's icon, so the field looks as it did with one.
    const int size = style()->pixelMetric(QStyle::PM_LineEditIconSize, nullptr, this);
    const int margin = style()->pixelMetric(QStyle::PM_LineEditIconMargin, nullptr, this);
    const QRect slot(margin, (height() - size - 2) / 2, size + 6, size + 2);
    return QStyle::visualRect(layoutDirection(), rect(), slot);
}

void SearchField::updateMargins()
{
    const int size = style()->pixelMetric(QStyle::PM_LineEditIconSize, nullptr, this);
    const int margin = style()->pixelMetric(QStyle::PM_LineEditIconMargin, nullptr, this);
    const int leading = size + 6 + margin;
    if (layoutDirection() == Qt::RightToLeft)
        setTextMargins(0, 0, leading, 0);
    else
        setTextMargins(leading, 0, 0, 0);
}

void SearchField::paintEvent(QPaintEvent *event)
{
    QLineEdit::paintEvent(event);
    const int size = style()->pixelMetric(QStyle::PM_LineEditIconSize, nullptr, this);
    QRect icon(0, 0, size, size);
    icon.moveCenter(iconSlot().center());
    QPainter painter(this);
    m_icon.paint(&painter, icon, Qt::AlignCenter, isEnabled() ? QIcon::Normal : QIcon::Disabled);
}

void SearchField::changeEvent(QEvent *event)
{
    QLineEdit::changeEvent(event);
    if (event->type() == QEvent::LayoutDirectionChange || event->type() == QEvent::StyleChange)
        updateMargins();
}
