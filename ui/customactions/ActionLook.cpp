#include "ActionLook.h"

#include "shell/Theme.h"

#include <QDateTime>
#include <QLocale>
#include <QPushButton>

namespace ActionLook {

namespace {

QString outlinedSheet()
{
    const Theme &theme = Theme::instance();
    return QStringLiteral("QPushButton { background: %1; color: %2; border: 1px solid %3; border-radius: 6px;"
                          " padding: 7px 14px; font-weight: 600; }"
                          "QPushButton:hover { background: %4; }"
                          "QPushButton:focus { border: 2px solid %3; }"
                          "QPushButton:disabled { color: %5; border-color: %6; background: %7; }")
        .arg(theme.color(QStringLiteral("surface")).name(),
             theme.color(QStringLiteral("accentText")).name(),
             theme.color(QStringLiteral("accent")).name(),
             theme.color(QStringLiteral("accentSoft")).name(),
             theme.color(QStringLiteral("muted")).name(),
             theme.color(QStringLiteral("border")).name(),
             theme.color(QStringLiteral("readonly")).name());
}

} // namespace

void setOutlined(QPushButton *button)
{
    button->setProperty("kind", QStringLiteral("primary-outline"));
    button->setStyleSheet(outlinedSheet());
    QObject::connect(
        &Theme::instance(), &Theme::changed, button, [button] { button->setStyleSheet(outlinedSheet()); });
}

QString shortTime(const QDateTime &time)
{
    const QDateTime local = time.toLocalTime();
    return QStringLiteral("%1, %2").arg(QLocale().toString(local.date(), QLocale::ShortFormat),
                                        local.toString(QStringLiteral("HH:mm")));
}

QString runtimeName(const QString &runtime)
{
    return runtime.startsWith(QLatin1String("node")) ? QStringLiteral("Node.js %1").arg(runtime.mid(4))
                                                     : runtime;
}

} // namespace ActionLook
