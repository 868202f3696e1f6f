#include "ApiClientListModel.h"

#include "core/applications/ApplicationService.h"
#include "core/applications/ClientGrantService.h"

#include <algorithm>

namespace {

bool lessThan(const ApplicationSummary &a, const ApplicationSummary &b)
{
    const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
    return byName != 0 ? byName < 0 : a.clientId < b.clientId;
}

} // namespace

ApiClientListModel::ApiClientListModel(ApplicationService &applications,
                                       ClientGrantService &grants,
                                       QObject *parent)
    : QAbstractListModel(parent)
    , m_applications(applications)
    , m_grants(grants)
{
    const auto arrived = [this](const ApplicationSummary &application) {
        if (application.type != ApplicationType::MachineToMachine || m_audience.isEmpty())
            return;
        auto grant = m_grants.find(application.clientId, m_audience);
        insertSorted(application, grant ? grant.value() : std::nullopt);
    };
    connect(&applications, &ApplicationService::applicationCreated, this, arrived);
    connect(&applications, &ApplicationService::applicationUpdated, this, [this, arrived](const auto &app) {
        // Renamed: it moves to its new place; no longer machine-to-machine: it leaves.
        removeRowOf(app.clientId);
        arrived(app);
    });
    connect(&applications, &ApplicationService::applicationRemoved, this, &ApiClientListModel::removeRowOf);
    const auto granted = [this](const ClientGrant &grant) {
        if (grant.audience == m_audience)
            setGrant(rowOf(grant.clientId), grant);
    };
    connect(&grants, &ClientGrantService::grantCreated, this, granted);
    connect(&grants, &ClientGrantService::grantUpdated, this, granted);
    // Changed by another Authdeck on a shared tenant: read again.
    const auto readAgain = [this] {
        if (m_audience.isEmpty())
            return;
        if (const QString problem = reload(m_audience); !problem.isEmpty())
            qWarning("%s", qPrintable(problem));
    };
    connect(&applications, &ApplicationService::changedElsewhere, this, readAgain);
    connect(&grants, &ClientGrantService::changedElsewhere, this, readAgain);
    connect(&grants, &ClientGrantService::grantRemoved, this, [this](const QString &id) {
        for (int row = 0; row < m_rows.size(); ++row) {
            if (m_rows.at(row).grant && m_rows.at(row).grant->id == id)
                setGrant(row, std::nullopt);
        }
    });
}

QString ApiClientListModel::reload(const QString &audience)
{
    auto applications = m_applications.list();
    auto grants = m_grants.list();
    beginResetModel();
    m_audience = audience;
    m_rows.clear();
    if (applications && grants) {
        for (const ApplicationSummary &application : applications.value()) {
            if (application.type != ApplicationType::MachineToMachine)
                continue;
            Row row {application, std::nullopt};
            for (const ClientGrant &grant : grants.value()) {
                if (grant.clientId == application.clientId && grant.audience == audience)
                    row.grant = grant;
            }
            m_rows.append(row);
        }
        std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) {
            return lessThan(a.application, b.application);
        });
    }
    endResetModel();
    if (!applications)
        return applications.error().message();
    return grants ? QString() : grants.error().message();
}

int ApiClientListModel::rowOf(const QString &clientId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).application.clientId == clientId)
            return i;
    }
    return -1;
}

void ApiClientListModel::insertSorted(const ApplicationSummary &application,
                                      const std::optional<ClientGrant> &grant)
{
    const auto at = std::lower_bound(
        m_rows.cbegin(), m_rows.cend(), application, [](const Row &row, const ApplicationSummary &other) {
            return lessThan(row.application, other);
        });
    const int row = int(at - m_rows.cbegin());
    beginInsertRows({}, row, row);
    m_rows.insert(row, {application, grant});
    endInsertRows();
}

void ApiClientListModel::removeRowOf(const QString &clientId)
{
    const int row = rowOf(clientId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

void ApiClientListModel::setGrant(int row, const std::optional<ClientGrant> &grant)
{
    if (row < 0)
        return;
    m_rows[row].grant = grant;
    Q_EMIT dataChanged(index(row), index(row));
}

int ApiClientListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ApiClientListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return row.application.name;
    case Qt::AccessibleTextRole:
        return row.grant ? tr("%1, authorized").arg(row.application.name)
                         : tr("%1, not authorized").arg(row.application.name);
    case Qt::CheckStateRole:
        return row.grant ? Qt::Checked : Qt::Unchecked;
    case int(Role::ClientId):
        return row.application.clientId;
    case int(Role::Authorized):
        return row.grant.has_value();
    case int(Role::Scopes):
        return row.grant ? row.grant->scopes : QStringList();
    case int(Role::GrantId):
        return row.grant ? row.grant->id : QString();
    }
    return {};
}

QHash<int, QByteArray> ApiClientListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(int(Role::ClientId), "clientId");
    names.insert(int(Role::Authorized), "authorized");
    names.insert(int(Role::Scopes), "scopes");
    names.insert(int(Role::GrantId), "grantId");
    return names;
}
