#include "IntegrationCatalog.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace {

const QString kSecret = QStringLiteral("secret");
const QString kConfiguration = QStringLiteral("configuration");
const QStringList kFormats {QString(), QStringLiteral("plivo-auth-id"), QStringLiteral("e164")};

/**
 * @brief Reads the fields of one JSON object and remembers the first problem, named by @p where.
 *
 * Each getter returns a default when the field is missing or has the wrong type; error() is then set,
 * and later problems are ignored so that the first one is reported.
 */
class FieldReader
{
public:
    FieldReader(const QJsonObject &object, QString where)
        : m_object(object)
        , m_where(std::move(where))
    { }

    QString text(const QString &field, bool required)
    {
        const QJsonValue value = m_object.value(field);
        if (value.isUndefined() || value.isNull()) {
            if (required)
                problem(IntegrationCatalog::tr("has no \"%1\"").arg(field));
            return {};
        }
        if (!value.isString()) {
            problem(IntegrationCatalog::tr("has a \"%1\" that is not text").arg(field));
            return {};
        }
        const QString string = value.toString().trimmed();
        if (required && string.isEmpty())
            problem(IntegrationCatalog::tr("has an empty \"%1\"").arg(field));
        return string;
    }

    /// A required text that must match @p pattern; @p expected describes it.
    QString matching(const QString &field, const QRegularExpression &pattern, const QString &expected)
    {
        const QString string = text(field, true);
        if (!string.isEmpty() && !pattern.match(string).hasMatch())
            problem(
                IntegrationCatalog::tr("has \"%1\": \"%2\", which is not %3").arg(field, string, expected));
        return string;
    }

    bool flag(const QString &field, bool fallback)
    {
        const QJsonValue value = m_object.value(field);
        if (value.isUndefined())
            return fallback;
        if (!value.isBool())
            problem(IntegrationCatalog::tr("has a \"%1\" that is not true or false").arg(field));
        return value.toBool(fallback);
    }

    QStringList texts(const QString &field)
    {
        const QJsonValue value = m_object.value(field);
        if (value.isUndefined())
            return {};
        QStringList list;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            if (item.isString() && !item.toString().trimmed().isEmpty())
                list.append(item.toString().trimmed());
            else
                problem(IntegrationCatalog::tr("has a \"%1\" list with an item that is not text").arg(field));
        }
        if (!value.isArray())
            problem(IntegrationCatalog::tr("has a \"%1\" that is not a list").arg(field));
        return list;
    }

    QJsonArray objects(const QString &field)
    {
        const QJsonValue value = m_object.value(field);
        if (!value.isArray()) {
            problem(value.isUndefined()
                        ? IntegrationCatalog::tr("has no \"%1\" list").arg(field)
                        : IntegrationCatalog::tr("has a \"%1\" that is not a list").arg(field));
            return {};
        }
        return value.toArray();
    }

    void problem(const QString &what)
    {
        if (m_error.isEmpty())
            m_error = m_where + QLatin1Char(' ') + what + QLatin1Char('.');
    }

    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    const QString &where() const { return m_where; }

private:
    QJsonObject m_object;
    QString m_where;
    QString m_error;
};

std::optional<IntegrationInput> readInput(const QJsonValue &value, const QString &where, QString *error)
{
    if (!value.isObject()) {
        *error = where + IntegrationCatalog::tr(" is not a JSON object.");
        return std::nullopt;
    }
    static const QRegularExpression keyPattern(QStringLiteral("^[A-Z][A-Z0-9_]*$"));
    FieldReader reader(value.toObject(), where);
    IntegrationInput input;
    input.key
        = reader.matching(QStringLiteral("key"),
                          keyPattern,
                          IntegrationCatalog::tr("in capitals, digits and underscores (like PLIVO_AUTH_ID)"));
    const QString kind = reader.text(QStringLiteral("kind"), true);
    if (kind == kSecret)
        input.kind = IntegrationInput::Kind::Secret;
    else if (kind == kConfiguration)
        input.kind = IntegrationInput::Kind::Configuration;
    else if (!kind.isEmpty())
        reader.problem(
            IntegrationCatalog::tr("has the unknown kind \"%1\" (it must be \"secret\" or \"configuration\")")
                .arg(kind));
    input.label = reader.text(QStringLiteral("label"), true);
    input.help = reader.text(QStringLiteral("help"), false);
    input.placeholder = reader.text(QStringLiteral("placeholder"), false);
    input.required = reader.flag(QStringLiteral("required"), true);
    input.format = reader.text(QStringLiteral("format"), false);
    if (!kFormats.contains(input.format))
        reader.problem(
            IntegrationCatalog::tr("has the unknown format \"%1\" (known: \"plivo-auth-id\", \"e164\")")
                .arg(input.format));
    if (reader.failed()) {
        *error = reader.error();
        return std::nullopt;
    }
    return input;
}

std::optional<CatalogEntry> readEntry(const QJsonValue &value, const QString &where, QString *error)
{
    if (!value.isObject()) {
        *error = where + IntegrationCatalog::tr(" is not a JSON object.");
        return std::nullopt;
    }
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    static const QRegularExpression versionPattern(QStringLiteral("^[0-9]+\\.[0-9]+\\.[0-9]+$"));
    const QJsonObject object = value.toObject();
    const QString id = object.value(QStringLiteral("id")).toString();
    FieldReader reader(object, id.isEmpty() ? where : IntegrationCatalog::tr("%1 (\"%2\")").arg(where, id));

    CatalogEntry entry;
    entry.id
        = reader.matching(QStringLiteral("id"),
                          idPattern,
                          IntegrationCatalog::tr("in small letters, digits and dashes (like \"plivo\")"));
    entry.name = reader.text(QStringLiteral("name"), true);
    entry.publisher = reader.text(QStringLiteral("publisher"), true);
    entry.summary = reader.text(QStringLiteral("summary"), true);
    entry.description = reader.text(QStringLiteral("description"), true);
    entry.logo = reader.text(QStringLiteral("logo"), false);
    entry.trigger = reader.matching(QStringLiteral("trigger"),
                                    idPattern,
                                    IntegrationCatalog::tr("a trigger id (like \"send-phone-message\")"));
    entry.version = reader.matching(
        QStringLiteral("version"), versionPattern, IntegrationCatalog::tr("a version like \"1.0.0\""));
    entry.consent = reader.texts(QStringLiteral("consent"));
    const QJsonArray inputs = reader.objects(QStringLiteral("inputs"));
    if (reader.failed()) {
        *error = reader.error();
        return std::nullopt;
    }

    QSet<QString> keys;
    for (int i = 0; i < inputs.size(); ++i) {
        auto input = readInput(
            inputs.at(i), IntegrationCatalog::tr("%1, input %2").arg(reader.where()).arg(i + 1), error);
        if (!input)
            return std::nullopt;
        if (keys.contains(input->key)) {
            *error = IntegrationCatalog::tr("%1 has two inputs named %2.").arg(reader.where(), input->key);
            return std::nullopt;
        }
        keys.insert(input->key);
        entry.inputs.append(*input);
    }
    return entry;
}

} // namespace

const IntegrationInput *CatalogEntry::input(const QString &key) const
{
    for (const IntegrationInput &candidate : inputs) {
        if (candidate.key == key)
            return &candidate;
    }
    return nullptr;
}

QString IntegrationCatalog::defaultPath()
{
    return QStringLiteral(":/authdeck/catalog/integrations.json");
}

Result<IntegrationCatalog> IntegrationCatalog::load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return Error(Error::Kind::NotFound, tr("The integration catalog %1 does not exist.").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return Error(Error::Kind::Storage,
                     tr("The integration catalog %1 cannot be read: %2").arg(path, file.errorString()));
    return parse(file.readAll(), path);
}

Result<IntegrationCatalog> IntegrationCatalog::parse(const QByteArray &json, const QString &source)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error(Error::Kind::Invalid,
                     tr("The integration catalog %1 is not valid JSON: %2 at character %3.")
                         .arg(source, parseError.errorString())
                         .arg(parseError.offset));
    const QJsonValue list = document.object().value(QStringLiteral("integrations"));
    if (!document.isObject() || !list.isArray())
        return Error(Error::Kind::Invalid,
                     tr("The integration catalog %1 must be a JSON object with an \"integrations\" list.")
                         .arg(source));

    IntegrationCatalog catalog;
    const QJsonArray array = list.toArray();
    for (int i = 0; i < array.size(); ++i) {
        QString error;
        auto entry = readEntry(array.at(i), tr("entry %1").arg(i + 1), &error);
        if (entry && catalog.find(entry->id))
            error = tr("entry %1 has the id \"%2\", which an earlier entry already has.")
                        .arg(i + 1)
                        .arg(entry->id);
        if (!error.isEmpty())
            return Error(Error::Kind::Invalid,
                         tr("The integration catalog %1 is damaged: %2").arg(source, error));
        catalog.m_entries.append(*entry);
    }
    return catalog;
}

const CatalogEntry *IntegrationCatalog::find(const QString &id) const
{
    for (const CatalogEntry &entry : m_entries) {
        if (entry.id == id)
            return &entry;
    }
    return nullptr;
}

QList<CatalogEntry> IntegrationCatalog::search(const QString &text) const
{
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return m_entries;
    QList<CatalogEntry> found;
    for (const CatalogEntry &entry : m_entries) {
        if (entry.name.contains(needle, Qt::CaseInsensitive)
            || entry.publisher.contains(needle, Qt::CaseInsensitive)
            || entry.summary.contains(needle, Qt::CaseInsensitive))
            found.append(entry);
    }
    return found;
}
