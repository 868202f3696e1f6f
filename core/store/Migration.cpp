#include "Migration.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>

QStringList Migration::splitStatements(const QString &script)
{
    QStringList statements;
    QString current;
    const QStringList lines = script.split(QLatin1Char('\n'));
    for (const QString &raw : lines) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1String("--")))
            continue;
        current += line + QLatin1Char('\n');
        if (line.endsWith(QLatin1Char(';'))) {
            current.chop(2);
            statements.append(current.trimmed());
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

const QList<Migration> &Migration::builtin()
{
    static const QList<Migration> migrations = [] {
        static const QRegularExpression fileName(QStringLiteral("^(\\d{4})_(\\w+)\\.sql$"));
        QList<Migration> list;
        const QDir dir(QStringLiteral(":/authdeck/migrations"));
        for (const QString &entry : dir.entryList(QDir::Files, QDir::Name)) {
            const auto match = fileName.match(entry);
            if (!match.hasMatch())
                continue;
            QFile file(dir.filePath(entry));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            list.append({match.captured(1).toInt(),
                         match.captured(2),
                         splitStatements(QString::fromUtf8(file.readAll()))});
        }
        std::sort(list.begin(), list.end(), [](const Migration &a, const Migration &b) {
            return a.version < b.version;
        });
        return list;
    }();
    return migrations;
}
