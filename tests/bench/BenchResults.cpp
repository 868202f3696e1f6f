#include "tests/bench/BenchResults.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cstdio>

QString BenchResults::path()
{
    return qEnvironmentVariable("AUTHDECK_BENCH_JSON");
}

bool BenchResults::record(const QString &key, double value, const QString &unit)
{
    const QString file = path();
    if (file.isEmpty())
        return true;
    QJsonObject results;
    QFile existing(file);
    if (existing.exists()) {
        if (!existing.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "BenchResults: cannot read %s\n", qPrintable(file));
            return false;
        }
        results = QJsonDocument::fromJson(existing.readAll()).object();
    }
    results.insert(key, QJsonObject {{QStringLiteral("value"), value}, {QStringLiteral("unit"), unit}});
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(QJsonDocument(results).toJson()) < 0 || !out.commit()) {
        std::fprintf(stderr, "BenchResults: cannot write %s\n", qPrintable(file));
        return false;
    }
    return true;
}
