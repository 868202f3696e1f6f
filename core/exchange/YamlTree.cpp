#include "YamlTree.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("YamlTree", text);
}

/// Takes every event of a document and keeps only where each document starts.
class DocumentStarts : public YAML::EventHandler
{
public:
    std::vector<YAML::Mark> marks;

    void OnDocumentStart(const YAML::Mark &mark) override { marks.push_back(mark); }
    void OnDocumentEnd() override { }
    void OnNull(const YAML::Mark &, YAML::anchor_t) override { }
    void OnAlias(const YAML::Mark &, YAML::anchor_t) override { }
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override { }
    void OnSequenceStart(const YAML::Mark &,
                         const std::string &,
                         YAML::anchor_t,
                         YAML::EmitterStyle::value) override
    { }
    void OnSequenceEnd() override { }
    void
    OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override
    { }
    void OnMapEnd() override { }
};

/**
 * Where the first two documents of @p yaml start (fewer when it has fewer). Never YAML::LoadAll(): in
 * yaml-cpp 0.7 it loops forever, allocating, on a stream its parser cannot advance through (a lone ",",
 * jbeder/yaml-cpp#1040), starting the same empty document again and again. So two documents starting at the
 * same place mean the parser is stuck. Throws YAML::Exception as the parser does.
 */
std::vector<YAML::Mark> documentStarts(const std::string &yaml)
{
    std::istringstream stream(yaml);
    YAML::Parser parser(stream);
    DocumentStarts starts;
    while (starts.marks.size() < 2 && parser.HandleNextDocument(starts)) { }
    return starts.marks;
}

Error invalidAt(int line, const QString &message)
{
    return Error(Error::Kind::Invalid, line > 0 ? tr("Line %1: %2").arg(line).arg(message) : message);
}

} // namespace

class YamlReader
{
public:
    YamlTree tree;
    int nodes = 0;
    QSet<int> seen; ///< where the nodes visited start: an alias is the node it names, seen again

    Result<QJsonValue> convert(const YAML::Node &node, const QString &path, int depth)
    {
        const int line = node.Mark().line + 1;
        if (++nodes > YamlTree::kMaxNodes)
            return invalidAt(line, tr("The file has more than %1 values").arg(YamlTree::kMaxNodes));
        if (depth > YamlTree::kMaxDepth)
            return invalidAt(line, tr("The file nests deeper than %1 levels").arg(YamlTree::kMaxDepth));
        const std::string &tag = node.Tag();
        if (!tag.empty() && tag != "?" && tag != "!")
            return invalidAt(line, tr("Tags such as %1 are not allowed").arg(QString::fromStdString(tag)));
        // An alias is its anchor's node again, at the anchor's place: refused before a bomb can expand.
        if (node.Mark().pos >= 0 && !isEmpty(node) && Q_UNLIKELY(seen.contains(node.Mark().pos)))
            return invalidAt(
                line,
                tr("this value is used again through an alias: anchors and aliases (& and *) are not "
                   "allowed in a tenant file"));
        if (node.Mark().pos >= 0 && !isEmpty(node))
            seen.insert(node.Mark().pos);
        tree.m_lines.insert(path, line);
        switch (node.Type()) {
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            return QJsonValue(QJsonValue::Null);
        case YAML::NodeType::Scalar:
            return scalar(node);
        case YAML::NodeType::Sequence: {
            QJsonArray array;
            int index = 0;
            for (const YAML::Node &item : node) {
                auto value = convert(item, path + QStringLiteral("[%1]").arg(index++), depth + 1);
                if (!value)
                    return value.error();
                array.append(value.value());
            }
            return QJsonValue(array);
        }
        case YAML::NodeType::Map: {
            QJsonObject object;
            for (const auto &entry : node) {
                const int keyLine = entry.first.Mark().line + 1;
                if (!entry.first.IsScalar())
                    return invalidAt(keyLine, tr("A key must be text"));
                const QString key = QString::fromStdString(entry.first.Scalar());
                if (object.contains(key))
                    return invalidAt(keyLine, tr("The key \"%1\" appears twice").arg(key));
                const QString child = path.isEmpty() ? key : path + QLatin1Char('.') + key;
                auto value = convert(entry.second, child, depth + 1);
                if (!value)
                    return value.error();
                object.insert(key, value.value());
                tree.m_lines.insert(child, keyLine);
            }
            return QJsonValue(object);
        }
        }
        return QJsonValue(QJsonValue::Null);
    }

    static bool isEmpty(const YAML::Node &node) { return node.IsNull() || !node.IsDefined(); }

    static QJsonValue scalar(const YAML::Node &node)
    {
        const QString text = QString::fromStdString(node.Scalar());
        if (node.Tag() == "!")
            return text; // quoted, or a block scalar
        if (text == QLatin1String("true") || text == QLatin1String("True") || text == QLatin1String("TRUE"))
            return true;
        if (text == QLatin1String("false") || text == QLatin1String("False")
            || text == QLatin1String("FALSE"))
            return false;
        if (text.isEmpty() || text == QLatin1String("~") || text == QLatin1String("null")
            || text == QLatin1String("Null") || text == QLatin1String("NULL"))
            return QJsonValue(QJsonValue::Null);
        bool isNumber = false;
        const qlonglong integer = text.toLongLong(&isNumber);
        if (isNumber)
            return double(integer);
        const double real = text.toDouble(&isNumber);
        if (isNumber && std::isfinite(real))
            return real;
        return text;
    }
};

Result<YamlTree> YamlTree::parse(const QByteArray &text)
{
    if (text.size() > kMaxBytes)
        return Error(Error::Kind::Invalid,
                     tr("The file is larger than %1 MiB").arg(kMaxBytes / (1024 * 1024)));
    YAML::Node root;
    try {
        const std::string yaml = text.toStdString();
        const std::vector<YAML::Mark> starts = documentStarts(yaml);
        if (starts.size() > 1 && starts.at(1).pos == starts.at(0).pos)
            return invalidAt(starts.at(0).line + 1, tr("The file is not valid YAML"));
        if (starts.size() > 1)
            return invalidAt(starts.at(1).line + 1, tr("The file holds more than one document"));
        root = YAML::Load(yaml);
    } catch (const YAML::DeepRecursion &failure) {
        // yaml-cpp's own guard (0.7 and later) ends its recursive parser long before the stack does; what
        // nests less deeply but beyond kMaxDepth is refused by convert(), with the same message.
        return invalidAt(failure.mark.line + 1, tr("The file nests deeper than %1 levels").arg(kMaxDepth));
    } catch (const YAML::Exception &failure) {
        return invalidAt(failure.mark.line + 1, QString::fromStdString(failure.msg));
    }
    if (!root.IsDefined() || root.IsNull())
        return Error(Error::Kind::Invalid, tr("The file is empty"));
    if (!root.IsMap())
        return invalidAt(root.Mark().line + 1, tr("The top level must be a mapping of resource types"));
    YamlReader reader;
    auto document = reader.convert(root, QString(), 0);
    if (!document)
        return document.error();
    reader.tree.m_document = document.value().toObject();
    return reader.tree;
}

namespace {

/// The longest key written as a simple key: 1024 characters at most, even with each escaped as \uXXXX.
constexpr int MaxSimpleKeyLength = 1024 / 6;

/// Whether @p text holds a control character other than a line feed (C0, DEL, C1), a line or paragraph
/// separator or a byte order mark: yaml-cpp writes them raw, where they do not read back the same, so such
/// text is written double-quoted with everything beyond ASCII escaped (writeEscaped()).
bool hasControlCharacter(const QString &text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u < 0x20 && u != u'\n') || (u >= 0x7f && u <= 0x9f) || u == 0x2028 || u == 0x2029
            || u == 0xfeff;
    });
}

/// Whether @p key starts with "--- " or "... ": yaml-cpp writes it plain, and at the top level, where a key
/// starts its line, it then reads back as the start or the end of a document.
bool startsWithDocumentMarker(const QString &key)
{
    static const QRegularExpression marker(QStringLiteral("^(---|\\.\\.\\.)[ \t]"));
    return marker.match(key).hasMatch();
}

/// Writes @p text double-quoted, with control characters and everything beyond ASCII as escapes.
void writeEscaped(YAML::Emitter &out, const std::string &text)
{
    out << YAML::EscapeNonAscii << YAML::DoubleQuoted << text << YAML::EmitNonAscii;
}

void emitValue(YAML::Emitter &out,
               const QJsonValue &value,
               const QString &path,
               const QHash<QString, QStringList> &keyOrder)
{
    switch (value.type()) {
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        QStringList keys;
        for (const QString &key : keyOrder.value(path))
            if (object.contains(key))
                keys.append(key);
        for (auto it = object.begin(); it != object.end(); ++it) // QJsonObject iterates keys sorted
            if (!keys.contains(it.key()))
                keys.append(it.key());
        out << YAML::BeginMap;
        for (const QString &key : keys) {
            // A simple key has at most 1024 characters in YAML; a longer one (escapes included) is written as
            // an explicit key ("? key").
            if (key.size() > MaxSimpleKeyLength)
                out << YAML::LongKey;
            out << YAML::Key;
            if (hasControlCharacter(key))
                writeEscaped(out, key.toStdString());
            else if (startsWithDocumentMarker(key))
                out << YAML::DoubleQuoted << key.toStdString();
            else
                out << key.toStdString();
            out << YAML::Value;
            emitValue(out, object.value(key), path.isEmpty() ? key : path + QLatin1Char('.') + key, keyOrder);
        }
        out << YAML::EndMap;
        return;
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
            return;
        }
        out << YAML::BeginSeq;
        for (const QJsonValue &item : array)
            emitValue(out, item, path + QLatin1String("[]"), keyOrder);
        out << YAML::EndSeq;
        return;
    }
    case QJsonValue::Bool:
        out << (value.toBool() ? "true" : "false");
        return;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == std::floor(number) && std::abs(number) < 1e15)
            out << qint64(number);
        else
            out << number;
        return;
    }
    case QJsonValue::String: {
        const std::string text = value.toString().toStdString();
        // A string that would read back as another type (true, 12, null, "") is quoted, as js-yaml does.
        const QJsonValue plain = YamlReader::scalar(YAML::Node(text));
        if (hasControlCharacter(value.toString()))
            return writeEscaped(out, text);
        if (!plain.isString())
            out << YAML::SingleQuoted;
        out << text;
        return;
    }
    default:
        out << YAML::Null;
        return;
    }
}

} // namespace

QByteArray YamlTree::write(const QJsonObject &document, const QHash<QString, QStringList> &keyOrder)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetNullFormat(YAML::LowerNull);
    emitValue(out, document, QString(), keyOrder);
    QByteArray text(out.c_str(), qsizetype(out.size()));
    if (!text.endsWith('\n'))
        text.append('\n');
    return text;
}
