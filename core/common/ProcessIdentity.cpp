#include "ProcessIdentity.h"

#include <QCoreApplication>
#include <QFile>
#include <QSysInfo>

namespace {

/// Field 22 of /proc/PID/stat: the process's start, in clock ticks after boot; empty when it does not run.
QByteArray startTimeOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = stat.readAll();
    // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return {};
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    constexpr int StartTimeAfterName = 22 - 3;
    return fields.size() > StartTimeAfterName ? fields.at(StartTimeAfterName) : QByteArray();
}

QString machine()
{
    return QSysInfo::machineHostName() + QLatin1Char('/') + QString::fromLatin1(QSysInfo::bootUniqueId());
}

} // namespace

QString ProcessIdentity::current()
{
    const qint64 pid = QCoreApplication::applicationPid();
    return QStringLiteral("%1 %2 %3").arg(machine()).arg(pid).arg(QString::fromLatin1(startTimeOf(pid)));
}

ProcessIdentity::State ProcessIdentity::stateOf(const QString &identity)
{
    const QStringList parts = identity.split(QLatin1Char(' '));
    if (parts.size() != 3)
        return State::Gone; // not written by current(): nothing runs under that name
    const QString host = parts.at(0).section(QLatin1Char('/'), 0, 0);
    if (host != QSysInfo::machineHostName())
        return State::Elsewhere;
    if (parts.at(0) != machine())
        return State::Gone; // this machine, an earlier boot
    bool ok = false;
    const qint64 pid = parts.at(1).toLongLong(&ok);
    if (!ok)
        return State::Gone;
    const QByteArray started = startTimeOf(pid);
    return !started.isEmpty() && started == parts.at(2).toLatin1() ? State::Running : State::Gone;
}
