#include "TenantFiles.h"

#include "core/exchange/YamlTree.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cstdio>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TenantFiles", text);
}

constexpr qsizetype kMaxCodeBytes = 4 * 1024 * 1024;

/// deploy-cli's keyword replacement: @@KEY@@ (quoted or not) by the value's JSON, then ##KEY## by its text.
QByteArray replaceKeywords(QByteArray text, const QJsonObject &keywords)
{
    for (auto it = keywords.begin(); it != keywords.end(); ++it) {
        const QByteArray key = it.key().toUtf8();
        const QJsonValue value = it.value();
        QByteArray json;
        if (value.isArray())
            json = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
        else if (value.isObject())
            json = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
        else
            json = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
        const QByteArray marker = "@@" + key + "@@";
        text.replace(QByteArray("'" + marker + "'"), json)
            .replace(QByteArray('"' + marker + '"'), json)
            .replace(marker, json);
        const QByteArray plain = value.isString() ? value.toString().toUtf8()
            : value.isBool()                      ? QByteArray(value.toBool() ? "true" : "false")
            : value.isDouble()                    ? QByteArray::number(value.toDouble())
                                                  : json;
        text.replace(QByteArray("##" + key + "##"), plain);
    }
    return text;
}

Result<QByteArray> readFile(const QString &path, qsizetype limit)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(Error::Kind::NotFound, tr("Cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > limit)
        return Error(Error::Kind::Invalid,
                     tr("%1 is larger than %2 MiB").arg(path).arg(limit / (1024 * 1024)));
    return file.readAll();
}

/// Writes @p bytes to a file beside @p path, then renames it over @p path: a reader sees the old file or the
/// new one, never half of one. (Not QSaveFile: its fsync per file makes a 10,000-file export take a minute.)
Result<void> writeFile(const QString &path, const QByteArray &bytes)
{
    const QString folder = QFileInfo(path).absolutePath();
    if (!QFileInfo(folder).isDir() && !QDir().mkpath(folder))
        return Error(Error::Kind::Storage, tr("Cannot create the folder of %1").arg(path));
    const QString partial = path + QLatin1String(".partial");
    QFile file(partial);
    const bool written
        = file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
    file.close();
    if (!written
        || std::rename(QFile::encodeName(partial).constData(), QFile::encodeName(path).constData()) != 0) {
        const QString reason = file.errorString();
        QFile::remove(partial);
        return Error(Error::Kind::Storage, tr("Cannot write %1: %2").arg(path, reason));
    }
    return {};
}

/// The directory format's folders of one JSON file per record, by resource type.
const QList<std::pair<QString, QString>> kRecordFolders {
    {QStringLiteral("clients"), QStringLiteral("clients")},
    {QStringLiteral("actions"), QStringLiteral("actions")},
    {QStringLiteral("guardianFactors"), QStringLiteral("guardian/factors")},
    {QStringLiteral("guardianFactorTemplates"), QStringLiteral("guardian/templates")},
    {QStringLiteral("guardianFactorProviders"), QStringLiteral("guardian/providers")}};

/// The directory format's one file for a whole resource type.
const QList<std::pair<QString, QString>> kSingleFiles {
    {QStringLiteral("triggers"), QStringLiteral("triggers/triggers.json")},
    {QStringLiteral("guardianPolicies"), QStringLiteral("guardian/policies.json")},
    {QStringLiteral("guardianPhoneFactorSelectedProvider"),
     QStringLiteral("guardian/phoneFactorSelectedProvider.json")},
    {QStringLiteral("guardianPhoneFactorMessageTypes"),
     QStringLiteral("guardian/phoneFactorMessageTypes.json")}};

/// deploy-cli's key order for a record: these first, then the others alphabetically (formatResults).
const QStringList kRecordKeysFirst {QStringLiteral("name"),
                                    QStringLiteral("client_id"),
                                    QStringLiteral("audience"),
                                    QStringLiteral("template"),
                                    QStringLiteral("identifier"),
                                    QStringLiteral("strategy"),
                                    QStringLiteral("script"),
                                    QStringLiteral("stage"),
                                    QStringLiteral("id")};

/// @p value as JSON.stringify(value, null, 2) writes it, a record's keys in deploy-cli's order.
QByteArray prettyJson(const QJsonValue &value, int depth = 0)
{
    const QByteArray indent((depth + 1) * 2, ' ');
    const QByteArray closing(depth * 2, ' ');
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            return "[]";
        QByteArrayList items;
        for (const QJsonValue &item : array)
            items.append(indent + prettyJson(item, depth + 1));
        return "[\n" + items.join(",\n") + "\n" + closing + "]";
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty())
            return "{}";
        QStringList keys;
        for (const QString &key : kRecordKeysFirst)
            if (object.contains(key))
                keys.append(key);
        for (auto it = object.begin(); it != object.end(); ++it)
            if (!keys.contains(it.key()))
                keys.append(it.key());
        QByteArrayList items;
        for (const QString &key : keys) {
            const QByteArray name
                = QJsonDocument(QJsonArray {key}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
            items.append(indent + name + ": " + prettyJson(object.value(key), depth + 1));
        }
        return "{\n" + items.join(",\n") + "\n" + closing + "}";
    }
    return QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

} // namespace

const QStringList &TenantFiles::resourceTypes()
{
    static const QStringList types {QStringLiteral("clients"),
                                    QStringLiteral("actions"),
                                    QStringLiteral("triggers"),
                                    QStringLiteral("guardianFactors"),
                                    QStringLiteral("guardianFactorProviders"),
                                    QStringLiteral("guardianFactorTemplates"),
                                    QStringLiteral("guardianPolicies"),
                                    QStringLiteral("guardianPhoneFactorSelectedProvider"),
                                    QStringLiteral("guardianPhoneFactorMessageTypes")};
    return types;
}

std::optional<TenantFiles::Format> TenantFiles::formatNamed(const QString &name)
{
    if (name == QLatin1String("yaml"))
        return Format::Yaml;
    if (name == QLatin1String("directory"))
        return Format::Directory;
    return std::nullopt;
}

QString TenantFiles::fileNameFor(const QString &name)
{
    static const QRegularExpression forbidden(QStringLiteral(R"([/\?<>\\:\*\|"\x00-\x1f\x80-\x9f])"));
    QString file = name;
    file.replace(forbidden, QStringLiteral("-"));
    if (file == QLatin1String(".") || file == QLatin1String(".."))
        file = QStringLiteral("-");
    return file.isEmpty() ? QStringLiteral("undefined") : file.left(255);
}

QString TenantFiles::placeOf(const QString &path) const
{
    for (QString at = path; !at.isEmpty();) {
        if (const auto it = m_places.constFind(at); it != m_places.constEnd())
            return it.value();
        const qsizetype cut = qMax(at.lastIndexOf(QLatin1Char('.')), at.lastIndexOf(QLatin1Char('[')));
        at = cut > 0 ? at.left(cut) : QString();
    }
    return QFileInfo(m_input).fileName();
}

Result<TenantFiles> TenantFiles::read(const QString &path, const QJsonObject &keywords)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error(Error::Kind::NotFound, tr("%1 does not exist").arg(path));
    if (info.isFile())
        return readYaml(path, keywords);
    if (QFileInfo::exists(QDir(path).filePath(QStringLiteral("tenant.yaml"))))
        return readYaml(QDir(path).filePath(QStringLiteral("tenant.yaml")), keywords);
    return readDirectory(path, keywords);
}

Result<TenantFiles> TenantFiles::readYaml(const QString &file, const QJsonObject &keywords)
{
    auto text = readFile(file, YamlTree::kMaxBytes);
    if (!text)
        return text.error();
    auto tree = YamlTree::parse(replaceKeywords(text.value(), keywords));
    const QString name = QFileInfo(file).fileName();
    if (!tree)
        return Error(Error::Kind::Invalid, tr("%1, %2").arg(name, tree.error().message()));
    TenantFiles files;
    files.m_input = file;
    files.m_document = tree.value().document();
    for (auto it = files.m_document.begin(); it != files.m_document.end(); ++it) {
        const QString key = it.key();
        // Every path under the key: the tree knows the line of each value it read.
        std::function<void(const QString &, const QJsonValue &)> note
            = [&](const QString &at, const QJsonValue &value) {
                  if (const int line = tree.value().lineOf(at); line > 0)
                      files.m_places.insert(at, tr("%1, line %2").arg(name).arg(line));
                  if (value.isObject()) {
                      const QJsonObject object = value.toObject();
                      for (auto child = object.begin(); child != object.end(); ++child)
                          note(at + QLatin1Char('.') + child.key(), child.value());
                  } else if (value.isArray()) {
                      const QJsonArray array = value.toArray();
                      for (int i = 0; i < array.size(); ++i)
                          note(at + QStringLiteral("[%1]").arg(i), array.at(i));
                  }
              };
        note(key, it.value());
    }
    if (auto loaded = files.loadCode(QFileInfo(file).absolutePath(), keywords); !loaded)
        return loaded.error();
    return files;
}

Result<TenantFiles> TenantFiles::readDirectory(const QString &folder, const QJsonObject &keywords)
{
    TenantFiles files;
    files.m_input = folder;
    const QDir root(folder);
    auto readJson = [&](const QString &relative, const QString &at) -> Result<QJsonValue> {
        auto bytes = readFile(root.filePath(relative), YamlTree::kMaxBytes);
        if (!bytes)
            return bytes.error();
        QJsonParseError failure;
        const QJsonDocument json
            = QJsonDocument::fromJson(replaceKeywords(bytes.value(), keywords), &failure);
        if (failure.error != QJsonParseError::NoError)
            return Error(
                Error::Kind::Invalid,
                tr("%1, at character %2: %3").arg(relative).arg(failure.offset).arg(failure.errorString()));
        files.m_places.insert(at, relative);
        return json.isArray() ? QJsonValue(json.array()) : QJsonValue(json.object());
    };
    for (const auto &[type, sub] : kRecordFolders) {
        if (!root.exists(sub))
            continue;
        QJsonArray records;
        const QStringList names
            = QDir(root.filePath(sub)).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        for (const QString &name : names) {
            const QString at = type + QStringLiteral("[%1]").arg(records.size());
            auto record = readJson(sub + QLatin1Char('/') + name, at);
            if (!record)
                return record.error();
            records.append(record.value());
        }
        files.m_document.insert(type, records);
    }
    for (const auto &[type, file] : kSingleFiles) {
        if (!root.exists(file))
            continue;
        auto value = readJson(file, type);
        if (!value)
            return value.error();
        files.m_document.insert(type, value.value());
    }
    if (files.m_document.isEmpty())
        return Error(Error::Kind::Invalid,
                     tr("%1 holds neither tenant.yaml nor the folders of deploy-cli's directory format "
                        "(clients, actions, triggers, guardian)")
                         .arg(folder));
    if (auto loaded = files.loadCode(root.absolutePath(), keywords); !loaded)
        return loaded.error();
    return files;
}

Result<void> TenantFiles::loadCode(const QString &root, const QJsonObject &keywords)
{
    const QJsonValue actionsValue = m_document.value(QLatin1String("actions"));
    if (!actionsValue.isArray())
        return {};
    QJsonArray actions = actionsValue.toArray();
    const QString base = QDir(root).canonicalPath();
    for (int i = 0; i < actions.size(); ++i) {
        QJsonObject action = actions.at(i).toObject();
        const QJsonValue code = action.value(QLatin1String("code"));
        if (!code.isString() || code.toString().isEmpty())
            continue;
        const QString at = QStringLiteral("actions[%1].code").arg(i);
        const QString file = QDir(root).filePath(code.toString());
        const QString resolved = QFileInfo(file).canonicalFilePath();
        if (resolved.isEmpty())
            return Error(Error::Kind::NotFound,
                         tr("%1: the code file %2 does not exist").arg(placeOf(at), code.toString()));
        if (!resolved.startsWith(base + QLatin1Char('/')))
            return Error(
                Error::Kind::Invalid,
                tr("%1: the code file %2 is outside the folder imported").arg(placeOf(at), code.toString()));
        auto bytes = readFile(resolved, kMaxCodeBytes);
        if (!bytes)
            return Error(bytes.error().kind(), tr("%1: %2").arg(placeOf(at), bytes.error().message()));
        action.insert(QStringLiteral("code"), QString::fromUtf8(replaceKeywords(bytes.value(), keywords)));
        actions.replace(i, action);
    }
    m_document.insert(QStringLiteral("actions"), actions);
    return {};
}

Result<QStringList> TenantFiles::write(const QJsonObject &document, const QString &folder, Format format)
{
    QStringList written;
    const QDir root(folder);
    auto put = [&](const QString &relative, const QByteArray &bytes) -> Result<void> {
        if (auto saved = writeFile(root.filePath(relative), bytes); !saved)
            return saved;
        written.append(relative);
        return {};
    };
    // Each action's code goes to actions/<name>/code.js; the document names the file instead.
    QJsonObject out = document;
    QJsonArray actions = document.value(QLatin1String("actions")).toArray();
    for (int i = 0; i < actions.size(); ++i) {
        QJsonObject action = actions.at(i).toObject();
        const QString code = action.value(QLatin1String("code")).toString();
        if (code.isEmpty())
            continue;
        const QString file = QStringLiteral("actions/%1/code.js")
                                 .arg(fileNameFor(action.value(QLatin1String("name")).toString()));
        if (auto saved = put(file, code.toUtf8()); !saved)
            return saved.error();
        action.insert(QStringLiteral("code"), QString(QStringLiteral("./") + file));
        actions.replace(i, action);
    }
    if (document.contains(QLatin1String("actions")))
        out.insert(QStringLiteral("actions"), actions);

    if (format == Format::Yaml) {
        QHash<QString, QStringList> order {{QString(), resourceTypes()}};
        for (const QString &type : resourceTypes())
            order.insert(type + QLatin1String("[]"), kRecordKeysFirst);
        if (auto saved = put(QStringLiteral("tenant.yaml"), YamlTree::write(out, order)); !saved)
            return saved.error();
        return written;
    }
    for (const auto &[type, sub] : kRecordFolders) {
        if (type == QLatin1String("guardianFactorProviders"))
            continue; // named after the factor and the provider, below
        for (const QJsonValue &record : out.value(type).toArray()) {
            const QString name = fileNameFor(record.toObject().value(QLatin1String("name")).toString());
            if (auto saved
                = put(sub + QLatin1Char('/') + name + QLatin1String(".json"), prettyJson(record) + "\n");
                !saved)
                return saved.error();
        }
    }
    for (const QJsonValue &record : out.value(QLatin1String("guardianFactorProviders")).toArray()) {
        const QJsonObject provider = record.toObject();
        const QString name = fileNameFor(provider.value(QLatin1String("name")).toString() + QLatin1Char('-')
                                         + provider.value(QLatin1String("provider")).toString());
        if (auto saved
            = put(QStringLiteral("guardian/providers/%1.json").arg(name), prettyJson(record) + "\n");
            !saved)
            return saved.error();
    }
    for (const auto &[type, file] : kSingleFiles) {
        if (!out.contains(type))
            continue;
        if (auto saved = put(file, prettyJson(out.value(type)) + "\n"); !saved)
            return saved.error();
    }
    return written;
}
