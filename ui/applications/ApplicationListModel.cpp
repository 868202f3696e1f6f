#include "ApplicationListModel.h"

#include "core/applications/ApplicationService.h"
#include "ui/shell/Theme.h"

#include <algorithm>

namespace {

bool lessThan(const ApplicationSummary &a, const ApplicationSummary &b)
{
    const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
    return byName != 0 ? byName < 0 : a.clientId < b.clientId;
}

} // namespace

ApplicationListModel::ApplicationListModel(ApplicationService &service, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(service)
{
    connect(&service, &ApplicationService::applicationCreated, this, &ApplicationListModel::insertSorted);
    connect(
        &service, &ApplicationService::applicationUpdated, this, [this](const ApplicationSummary &summary) {
            removeRowOf(summary.clientId);
            insertSorted(summary);
        });
    connect(&service, &ApplicationService::applicationRemoved, this, &ApplicationListModel::removeRowOf);
    connect(&service, &ApplicationService::changedElsewhere, this, [this] {
        if (const QString problem = reload(); !problem.isEmpty())
            qWarning("%s", qPrintable(problem));
    });
    connect(&Theme::instance(), &Theme::changed, this, [this] {
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(
                index(0, TypeColumn), index(m_rows.size() - 1, TypeColumn), {Qt::DecorationRole});
    });
}

QString ApplicationListModel::searchTextOf(const ApplicationSummary &summary)
{
    return summary.name + QLatin1Char(' ') + summary.clientId;
}

QString ApplicationListModel::reload()
{
    auto summaries = m_service.list();
    beginResetModel();
    m_rows.clear();
    m_search.clear();
    if (summaries) {
        m_rows = std::move(summaries.value());
        // The store sorts too, but only this comparison is the one insertSorted() relies on.
        std::stable_sort(m_rows.begin(), m_rows.end(), lessThan);
        // A client ID is 32 characters, a name rarely longer.
        m_search.reserve(int(m_rows.size()), m_rows.size() * 48);
        for (const ApplicationSummary &summary : std::as_const(m_rows))
            m_search.append(searchTextOf(summary));
    }
    endResetModel();
    return summaries ? QString() : summaries.error().message();
}

int ApplicationListModel::rowOf(const QString &clientId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).clientId == clientId)
            return i;
    }
    return -1;
}

void ApplicationListModel::insertSorted(const ApplicationSummary &summary)
{
    const int row
        = int(std::lower_bound(m_rows.cbegin(), m_rows.cend(), summary, lessThan) - m_rows.cbegin());
    beginInsertRows({}, row, row);
    m_rows.insert(row, summary);
    m_search.insert(row, searchTextOf(summary));
    endInsertRows();
}

void ApplicationListModel::removeRowOf(const QString &clientId)
{
    const int row = rowOf(clientId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    m_search.remove(row);
    endRemoveRows();
}

int ApplicationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ApplicationListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApplicationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ApplicationSummary &row = m_rows.at(index.row());
    const ApplicationTypeInfo &type = ApplicationTypeInfo::of(row.type);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (index.column()) {
        case NameColumn:
            return row.name;
        case TypeColumn:
            return type.label;
        case ClientIdColumn:
            return row.clientId;
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == TypeColumn)
            return Theme::instance().icon(type.iconName);
        break;
    case Qt::ToolTipRole:
        if (index.column() == TypeColumn)
            return type.summary;
        break;
    case int(Role::ClientId):
        return row.clientId;
    case int(Role::SearchText): {
        const std::string_view text = m_search.text(index.row());
        return QString::fromUtf8(text.data(), qsizetype(text.size()));
    }
    case int(Role::Type):
        return QVariant::fromValue(row.type);
    }
    return {};
}

Qt::ItemFlags ApplicationListModel::flags(const QModelIndex &index) const
{
    // A flat list: saying so spares a tree view the question for each of 100,000 rows.
    const Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    return index.isValid() ? flags | Qt::ItemNeverHasChildren : flags;
}

QVariant ApplicationListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case TypeColumn:
        return tr("Type");
    case ClientIdColumn:
        return tr("Client ID");
    }
    return {};
}
