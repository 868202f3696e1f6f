#pragma once

#include "core/model/Application.h"
#include "core/model/ClientGrant.h"

#include <QAbstractListModel>

#include <optional>

class ApplicationService;
class ClientGrantService;

/**
 * @brief The tenant's machine-to-machine applications, by name, each with its client grant for one API
 *        (or none): the rows of an API's Machine to Machine Applications tab.
 *
 * Kept in step with the application and grant services' signals, so that a change made elsewhere (another
 * page, the Management API) shows at once.
 */
class ApiClientListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Role
    {
        ClientId = Qt::UserRole,
        Authorized, ///< bool: whether it has a grant for the API
        Scopes, ///< QStringList: the grant's scopes, empty without one
        GrantId, ///< the grant's id, empty without one
    };

    ApiClientListModel(ApplicationService &applications,
                       ClientGrantService &grants,
                       QObject *parent = nullptr);

    /// Reloads every row for the API @p audience; returns the error text if it failed.
    QString reload(const QString &audience);
    QString audience() const { return m_audience; }
    /// The row of @p clientId, or -1.
    int rowOf(const QString &clientId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Row
    {
        ApplicationSummary application;
        std::optional<ClientGrant> grant;
    };
    void insertSorted(const ApplicationSummary &application, const std::optional<ClientGrant> &grant);
    void removeRowOf(const QString &clientId);
    void setGrant(int row, const std::optional<ClientGrant> &grant);

    ApplicationService &m_applications;
    ClientGrantService &m_grants;
    QString m_audience;
    QList<Row> m_rows;
};
