#include "Migration.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QObject>
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

Result<QList<Migration>> Migration::load(const QString &folder)
{
    static const QRegularExpression fileName(QStringLiteral("^(\\d{4})_(\\w+)\\.sql$"));
    const QDir dir(folder);
    if (!dir.exists())
        return Error(Error::Kind::Storage,
                     Migration::tr("The migrations folder %1 does not exist.").arg(folder));
    QList<Migration> list;
    QHash<int, QString> files;
    for (const QString &entry : dir.entryList(QDir::Files | QDir::Hidden, QDir::Name)) {
        const auto match = fileName.match(entry);
        if (!match.hasMatch())
            return Error(
                Error::Kind::Storage,
                Migration::tr("The migration file %1 is not named NNNN_name.sql.").arg(dir.filePath(entry)));
        const int version = match.captured(1).toInt();
        if (files.contains(version))
            return Error(Error::Kind::Storage,
                         Migration::tr("Two migration files have the version %1: %2 and %3.")
                             .arg(version)
                             .arg(files.value(version), entry));
        QFile file(dir.filePath(entry));
        if (!file.open(QIODevice::ReadOnly))
            return Error(Error::Kind::Storage,
                         Migration::tr("The migration file %1 cannot be read: %2")
                             .arg(file.fileName(), file.errorString()));
        const QStringList statements = splitStatements(QString::fromUtf8(file.readAll()));
        if (statements.isEmpty())
            return Error(Error::Kind::Storage,
                         Migration::tr("The migration file %1 has no statement.").arg(file.fileName()));
        files.insert(version, entry);
        list.append({version, match.captured(2), statements});
    }
    std::sort(list.begin(), list.end(), [](const Migration &a, const Migration &b) {
        return a.version < b.version;
    });
    for (int i = 0; i < list.size(); ++i) {
        if (list.at(i).version != i + 1)
            return Error(
                Error::Kind::Storage,
                Migration::tr("The migration with the version %1 is missing in %2 (the next one is %3).")
                    .arg(i + 1)
                    .arg(folder, files.value(list.at(i).version)));
    }
    return list;
}

const Result<QList<Migration>> &Migration::builtin()
{
    static const Result<QList<Migration>> migrations = load(QStringLiteral(":/authdeck/migrations"));
    return migrations;
}
