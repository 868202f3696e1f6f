#include "CustomActionListModel.h"

#include "core/actions/CustomActionService.h"
#include "core/runtime/ActionTriggers.h"
#include "ui/shell/Theme.h"

#include <algorithm>

CustomActionListModel::CustomActionListModel(CustomActionService &service, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(service)
{
    connect(&service, &CustomActionService::actionAdded, this, &CustomActionListModel::addAction);
    connect(&service, &CustomActionService::actionChanged, this, &CustomActionListModel::updateAction);
    connect(&service, &CustomActionService::versionDeployed, this, &CustomActionListModel::updateAction);
    connect(&service, &CustomActionService::actionRemoved, this, &CustomActionListModel::removeAction);
    connect(&service, &CustomActionService::changedElsewhere, this, [this] {
        if (const QString error = reload(); !error.isEmpty())
            qWarning("%s", qPrintable(error));
    });
    connect(&Theme::instance(), &Theme::changed, this, [this] {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(
                index(0, StatusColumn), index(int(m_rows.size()) - 1, StatusColumn), {Qt::DecorationRole});
    });
}

bool CustomActionListModel::Row::operator==(const Row &other) const
{
    return id == other.id && name == other.name && triggerId == other.triggerId
        && deployedVersion == other.deployedVersion && allChangesDeployed == other.allChangesDeployed
        && updatedAt == other.updatedAt;
}

QString CustomActionListModel::statusText(const CustomAction &action)
{
    if (!action.isDeployed())
        return tr("Not deployed yet");
    if (!action.allChangesDeployed)
        return tr("Draft changes not deployed");
    return tr("Deployed · v%1").arg(action.deployedVersion);
}

CustomActionListModel::Row CustomActionListModel::rowFor(const CustomAction &action)
{
    return {action.id,
            action.name,
            action.triggerId,
            action.deployedVersion,
            action.allChangesDeployed,
            action.updatedAt,
            statusText(action)};
}

bool CustomActionListModel::lessThan(const Row &a, const Row &b)
{
    // The service sorts by the lower-cased name, then the id: the same order.
    const int byName = a.name.toLower().compare(b.name.toLower());
    return byName != 0 ? byName < 0 : a.id < b.id;
}

int CustomActionListModel::sortedPosition(const Row &row, int skip) const
{
    int position = 0;
    for (int i = 0; i < m_rows.size(); ++i) {
        if (i != skip && lessThan(m_rows.at(i), row))
            ++position;
    }
    return position;
}

QString CustomActionListModel::reload()
{
    auto actions = m_service.list();
    beginResetModel();
    m_rows.clear();
    if (actions) {
        for (const CustomAction &action : actions.value())
            m_rows.append(rowFor(action));
        std::stable_sort(m_rows.begin(), m_rows.end(), lessThan);
    }
    endResetModel();
    return actions ? QString() : actions.error().message();
}

int CustomActionListModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

void CustomActionListModel::addAction(const QString &id)
{
    if (rowOf(id) >= 0)
        return;
    const auto found = m_service.find(id);
    if (!found)
        return;
    const Row row = rowFor(found.value());
    const int at = sortedPosition(row, -1);
    beginInsertRows({}, at, at);
    m_rows.insert(at, row);
    endInsertRows();
}

void CustomActionListModel::updateAction(const QString &id)
{
    const auto found = m_service.find(id);
    if (!found) {
        if (found.error().kind() == Error::Kind::NotFound)
            removeAction(id);
        return;
    }
    const int current = rowOf(id);
    if (current < 0) {
        addAction(id);
        return;
    }
    const Row row = rowFor(found.value());
    if (row == m_rows.at(current))
        return; // deploy() announces itself twice (versionDeployed, then actionChanged)
    int at = sortedPosition(row, current);
    if (at != current) {
        // beginMoveRows() counts the destination in the rows as they are before the move.
        beginMoveRows({}, current, current, {}, at > current ? at + 1 : at);
        m_rows.move(current, at);
        endMoveRows();
    }
    m_rows[at] = row;
    Q_EMIT dataChanged(index(at, 0), index(at, ColumnCount - 1));
}

void CustomActionListModel::removeAction(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

int CustomActionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CustomActionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomActionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case NameColumn:
            return row.name;
        case TriggerColumn:
            return ActionTriggers::label(row.triggerId);
        case StatusColumn:
            return row.status;
        case UpdatedColumn:
            return row.updatedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
        }
        break;
    case Qt::DecorationRole:
        if (index.column() != StatusColumn)
            break;
        if (row.deployedVersion == 0)
            return Theme::instance().icon(QStringLiteral("circle"));
        return row.allChangesDeployed
            ? Theme::instance().icon(QStringLiteral("check-circle"), QStringLiteral("success"))
            : Theme::instance().icon(QStringLiteral("alert"), QStringLiteral("warning"));
    case Qt::ToolTipRole:
        if (index.column() != StatusColumn)
            break;
        if (row.deployedVersion == 0)
            return tr("Deploy it to add it to a flow.");
        return row.allChangesDeployed
            ? tr("Version %1 is the one that runs.").arg(row.deployedVersion)
            : tr("Version %1 runs; the draft has changes that are not deployed.").arg(row.deployedVersion);
    case int(Role::ActionId):
        return row.id;
    case int(Role::TriggerId):
        return row.triggerId;
    case int(Role::DeployedVersion):
        return row.deployedVersion;
    }
    return {};
}

QVariant CustomActionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TriggerColumn:
        return tr("Trigger");
    case StatusColumn:
        return tr("Status");
    case UpdatedColumn:
        return tr("Updated");
    }
    return {};
}
