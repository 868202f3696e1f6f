#include "CopyButton.h"

#include "ui/shell/Theme.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QTimer>

CopyButton::CopyButton(const QString &what, std::function<QString()> value, QWidget *parent)
    : QToolButton(parent)
    , m_value(std::move(value))
{
    setAccessibleName(tr("Copy %1").arg(what));
    setToolTip(tr("Copy %1").arg(what));
    setCursor(Qt::PointingHandCursor);
    setIconSize(QSize(16, 16));
    updateIcon();
    connect(&Theme::instance(), &Theme::changed, this, &CopyButton::updateIcon);
    connect(this, &QToolButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_value());
        m_justCopied = true;
        updateIcon();
        setToolTip(tr("Copied"));
        Q_EMIT copied();
        QTimer::singleShot(1500, this, [this] {
            m_justCopied = false;
            updateIcon();
            setToolTip(accessibleName());
        });
    });
}

void CopyButton::updateIcon()
{
    setIcon(m_justCopied ? Theme::instance().icon(QStringLiteral("check"), QStringLiteral("success"))
                         : Theme::instance().icon(QStringLiteral("copy")));
}
