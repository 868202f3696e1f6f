#include "ActionLook.h"

#include "ui/common/Form.h"

#include <QDateTime>
#include <QLocale>
#include <QPushButton>

namespace ActionLook {

void setOutlined(QPushButton *button)
{
    Form::setKind(button, QStringLiteral("primary-outline"));
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
