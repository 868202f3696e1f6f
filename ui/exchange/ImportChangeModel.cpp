#include "ImportChangeModel.h"

#include "core/common/TextDiff.h"
#include "core/flows/Trigger.h"
#include "ui/shell/Theme.h"

#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

/// Top-level rows carry this internal id; a field row carries its resource's row + 1.
constexpr quintptr kResource = 0;

/// How many lines of a value a tooltip shows.
constexpr int kTooltipLines = 30;

QString elided(const QString &text, int width)
{
    return text.size() > width ? text.left(width - 1) + QStringLiteral("…") : text;
}

/// The name of each record of @p array when every one has one (a binding's action_name, a record's
/// name); nothing otherwise.
std::optional<QStringList> recordNames(const QJsonArray &array)
{
    QStringList names;
    for (const QJsonValue &item : array) {
        const QJsonObject record = item.toObject();
        const QJsonValue name = record.contains(QLatin1String("action_name"))
            ? record.value(QLatin1String("action_name"))
            : record.value(QLatin1String("name"));
        if (!item.isObject() || !name.isString())
            return std::nullopt;
        names.append(name.toString());
    }
    return names;
}

/// @p value in full for a tooltip, at most kTooltipLines lines.
QString fullText(const QJsonValue &value)
{
    QString text;
    if (value.isString())
        text = value.toString();
    else if (value.isArray())
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    else if (value.isObject())
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    else
        text = ImportChangeModel::valueText(value, 400);
    QStringList lines = text.trimmed().split(QLatin1Char('\n'));
    if (lines.size() > kTooltipLines) {
        const int more = int(lines.size()) - kTooltipLines;
        lines = lines.mid(0, kTooltipLines);
        lines.append(more == 1 ? QObject::tr("… 1 more line") : QObject::tr("… %1 more lines").arg(more));
    }
    return lines.join(QLatin1Char('\n'));
}

bool isMultiLine(const QJsonValue &value)
{
    return value.isString() && value.toString().contains(QLatin1Char('\n'));
}

QString kindWord(ResourceChange::Kind kind)
{
    switch (kind) {
    case ResourceChange::Kind::Create:
        return QObject::tr("created");
    case ResourceChange::Kind::Delete:
        return QObject::tr("deleted");
    case ResourceChange::Kind::Change:
        break;
    }
    return QObject::tr("changed");
}

QString mark(ResourceChange::Kind kind)
{
    switch (kind) {
    case ResourceChange::Kind::Create:
        return QStringLiteral("+");
    case ResourceChange::Kind::Delete:
        return QStringLiteral("−");
    case ResourceChange::Kind::Change:
        break;
    }
    return QStringLiteral("~");
}

} // namespace

ImportChangeModel::ImportChangeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    // The colours follow the look: every row, resources and their fields, is drawn again.
    connect(&Theme::instance(), &Theme::changed, this, [this] {
        if (m_changes.isEmpty())
            return;
        Q_EMIT dataChanged(index(0, 0), index(int(m_changes.size()) - 1, ColumnCount - 1));
        for (int row = 0; row < m_changes.size(); ++row) {
            const QModelIndex resource = index(row, 0);
            if (const int fields = rowCount(resource))
                Q_EMIT dataChanged(index(0, 0, resource), index(fields - 1, ColumnCount - 1, resource));
        }
    });
}

void ImportChangeModel::setChanges(const QList<ResourceChange> &changes)
{
    beginResetModel();
    m_changes = changes;
    endResetModel();
}

QString ImportChangeModel::typeLabel(const QString &type)
{
    static const QHash<QString, QString> labels {
        {QStringLiteral("clients"), tr("Application")},
        {QStringLiteral("actions"), tr("Action")},
        {QStringLiteral("triggers"), tr("Flow")},
        {QStringLiteral("guardianFactors"), tr("MFA factor")},
        {QStringLiteral("guardianFactorProviders"), tr("MFA providers")},
        {QStringLiteral("guardianFactorTemplates"), tr("MFA message templates")},
        {QStringLiteral("guardianPolicies"), tr("MFA policy")},
        {QStringLiteral("guardianPhoneFactorSelectedProvider"), tr("Phone Message provider")},
        {QStringLiteral("guardianPhoneFactorMessageTypes"), tr("Phone Message types")}};
    return labels.value(type, type);
}

QString ImportChangeModel::valueText(const QJsonValue &value, int width)
{
    switch (value.type()) {
    case QJsonValue::Undefined:
        return tr("(none)");
    case QJsonValue::Null:
        return tr("null");
    case QJsonValue::Bool:
        return value.toBool() ? tr("true") : tr("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::String: {
        const QString text = value.toString();
        if (text.isEmpty())
            return tr("(empty)");
        if (text.contains(QLatin1Char('\n'))) {
            const auto lines = TextDiff::splitLines(text).size();
            return lines == 1 ? tr("1 line") : tr("%1 lines").arg(lines);
        }
        return elided(text, width);
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            return tr("(none)");
        QStringList items;
        if (const auto names = recordNames(array)) {
            items = *names;
        } else {
            for (const QJsonValue &item : array) {
                if (item.isArray() || item.isObject())
                    return elided(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)),
                                  width);
                items.append(valueText(item, width));
            }
        }
        return elided(items.join(QStringLiteral(", ")), width);
    }
    case QJsonValue::Object:
        return elided(QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)),
                      width);
    }
    return {};
}

QString ImportChangeModel::changeText(const FieldChange &field)
{
    if (field.before.isUndefined())
        return valueText(field.after);
    if (field.after.isUndefined())
        return valueText(field.before);
    const QString arrow = QStringLiteral("  →  ");
    if (isMultiLine(field.before) || isMultiLine(field.after)) {
        const TextDiff::Counts counts
            = TextDiff::counts(TextDiff::lines(field.before.toString(), field.after.toString()));
        return valueText(field.before) + arrow + valueText(field.after)
            + tr(" (+%1 −%2)").arg(counts.added).arg(counts.removed);
    }
    return valueText(field.before, 40) + arrow + valueText(field.after, 40);
}

QModelIndex ImportChangeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : kResource);
}

QModelIndex ImportChangeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kResource)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kResource);
}

int ImportChangeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_changes.size());
    if (parent.internalId() != kResource || parent.column() != 0)
        return 0;
    return int(m_changes.at(parent.row()).fields.size());
}

int ImportChangeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ImportChangeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kResource)
        return resourceData(m_changes.at(index.row()), index.column(), role);
    const ResourceChange &change = m_changes.at(int(index.internalId() - 1));
    return fieldData(change, change.fields.at(index.row()), index.column(), role);
}

QVariant ImportChangeModel::resourceData(const ResourceChange &change, int column, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: {
        if (column == ChangeColumn) {
            const QString detail = change.kind == ResourceChange::Kind::Change
                ? (change.fields.size() == 1 ? tr("1 field changed")
                                             : tr("%1 fields changed").arg(change.fields.size()))
                : kindWord(change.kind);
            return tr("%1 · %2").arg(typeLabel(change.type), detail);
        }
        QString name = change.name == change.type ? typeLabel(change.type) : change.name;
        if (change.type == QLatin1String("triggers"))
            if (const Trigger *trigger = Triggers::find(change.name))
                name = trigger->label;
        return role == Qt::AccessibleTextRole ? tr("%1, %2").arg(name, kindWord(change.kind))
                                              : tr("%1  %2").arg(mark(change.kind), name);
    }
    case Qt::ForegroundRole:
        if (change.kind == ResourceChange::Kind::Create)
            return Theme::instance().color(QStringLiteral("success"));
        if (change.kind == ResourceChange::Kind::Delete)
            return Theme::instance().color(QStringLiteral("danger"));
        return column == ChangeColumn ? QVariant(Theme::instance().color(QStringLiteral("muted")))
                                      : QVariant();
    case Qt::FontRole:
        if (column == NameColumn) {
            QFont font;
            font.setWeight(QFont::DemiBold);
            return font;
        }
        return {};
    case int(Role::Kind):
        return int(change.kind);
    case int(Role::Type):
        return change.type;
    default:
        return {};
    }
}

QVariant ImportChangeModel::fieldData(const ResourceChange &change,
                                      const FieldChange &field,
                                      int column,
                                      int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return column == NameColumn ? field.field : changeText(field);
    case Qt::ToolTipRole:
        if (column != ChangeColumn)
            return {};
        if (field.before.isUndefined())
            return fullText(field.after);
        if (field.after.isUndefined())
            return fullText(field.before);
        return tr("Before:\n%1\n\nAfter:\n%2").arg(fullText(field.before), fullText(field.after));
    case Qt::ForegroundRole:
        return column == NameColumn ? QVariant(Theme::instance().color(QStringLiteral("muted"))) : QVariant();
    case int(Role::Kind):
        return int(change.kind);
    case int(Role::Type):
        return change.type;
    default:
        return {};
    }
}

QVariant ImportChangeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Resource") : tr("Change");
}
