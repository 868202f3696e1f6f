#include "MessageBar.h"

#include "ui/shell/Theme.h"

#include <QAccessible>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_actions(new QHBoxLayout)
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setAccessibleName(tr("Message"));
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setAccessibleName(tr("Close message"));
    m_close->setToolTip(tr("Close"));
    m_close->setAutoRaise(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 8, 8);
    layout->setSpacing(10);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addLayout(m_actions);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    m_actions->setSpacing(6);

    connect(m_close, &QToolButton::clicked, this, &MessageBar::clear);
    connect(&Theme::instance(), &Theme::changed, this, &MessageBar::updateIcon);
    hide();
}

void MessageBar::showMessage(const QString &text, Level level)
{
    clear();
    m_level = level;
    m_text->setText(text);
    static const char *levels[] = {"info", "success", "warning", "error"};
    setProperty("level", QLatin1String(levels[static_cast<int>(level)]));
    style()->unpolish(this);
    style()->polish(this);
    updateIcon();
    show();
    QAccessibleEvent event(this, QAccessible::Alert);
    QAccessible::updateAccessibility(&event);
}

QPushButton *
MessageBar::addAction(const QString &text, const QString &objectName, const std::function<void()> &onClick)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(objectName);
    connect(button, &QPushButton::clicked, this, onClick);
    m_actions->addWidget(button);
    return button;
}

void MessageBar::clear()
{
    while (QLayoutItem *item = m_actions->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_text->clear();
    hide();
}

QString MessageBar::text() const
{
    return m_text->text();
}

void MessageBar::updateIcon()
{
    static const char *icons[] = {"info", "check-circle", "alert", "alert"};
    static const char *tokens[] = {"info", "success", "warning", "danger"};
    const int index = static_cast<int>(m_level);
    m_icon->setPixmap(
        Theme::instance().icon(QLatin1String(icons[index]), QLatin1String(tokens[index])).pixmap(18, 18));
    m_close->setIcon(Theme::instance().icon(QStringLiteral("close")));
}
