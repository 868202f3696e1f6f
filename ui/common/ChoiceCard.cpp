#include "ChoiceCard.h"

#include "ui/shell/Theme.h"

#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

ChoiceCard::ChoiceCard(const QString &icon, const QString &title, const QString &description, QWidget *parent)
    : QAbstractButton(parent)
    , m_iconName(icon)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(title, this))
    , m_description(new QLabel(description, this))
{
    setCheckable(true);
    setAutoExclusive(true);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::PointingHandCursor);
    setAccessibleName(title);
    setAccessibleDescription(description);
    setText(title);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);

    m_title->setProperty("role", QStringLiteral("fieldLabel"));
    m_description->setProperty("role", QStringLiteral("hint"));
    m_description->setWordWrap(true);
    for (QLabel *label : {m_icon, m_title, m_description})
        label->setAttribute(Qt::WA_TransparentForMouseEvents);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 14, 16, 14);
    layout->setSpacing(4);
    layout->addWidget(m_icon);
    layout->addSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_description);
    layout->addStretch(1);

    connect(&Theme::instance(), &Theme::changed, this, &ChoiceCard::updateIcon);
    updateIcon();
}

QSize ChoiceCard::sizeHint() const
{
    return layout()->sizeHint().expandedTo(QSize(240, 120));
}

void ChoiceCard::paintEvent(QPaintEvent *)
{
    const Theme &theme = Theme::instance();
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const bool emphasised = isChecked() || hasFocus();
    QPen pen(theme.color(emphasised ? QStringLiteral("accent") : QStringLiteral("border")));
    pen.setWidthF(emphasised ? 2.0 : 1.0);
    painter.setPen(pen);
    painter.setBrush(theme.color(isChecked()        ? QStringLiteral("accentSoft")
                                     : underMouse() ? QStringLiteral("hover")
                                                    : QStringLiteral("surface")));
    painter.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 10, 10);
}

void ChoiceCard::updateIcon()
{
    m_icon->setPixmap(Theme::instance().icon(m_iconName, QStringLiteral("accent")).pixmap(30, 30));
}
