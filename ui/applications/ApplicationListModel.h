#pragma once

#include "core/model/Application.h"
#include "ui/applications/SearchIndex.h"

#include <QAbstractTableModel>

class ApplicationService;

/**
 * @brief The tenant's applications as a table (name, type, client ID), kept in step with the
 *        service's signals.
 */
class ApplicationListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        TypeColumn,
        ClientIdColumn,
        ColumnCount
    };
    enum class Role
    {
        ClientId = Qt::UserRole,
        /// Lower-cased "name client_id", what search matches against.
        SearchText,
        Type,
    };

    explicit ApplicationListModel(ApplicationService &service, QObject *parent = nullptr);

    /// Reloads every row from the service; returns the error text if it failed.
    QString reload();
    /// The row of @p clientId, or -1.
    int rowOf(const QString &clientId) const;
    /// What search matches against: for each row, its name and client ID (as Role::SearchText).
    const SearchIndex &searchIndex() const { return m_search; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static QString searchTextOf(const ApplicationSummary &summary);
    void insertSorted(const ApplicationSummary &summary);
    void removeRowOf(const QString &clientId);

    ApplicationService &m_service;
    QList<ApplicationSummary> m_rows;
    SearchIndex m_search;
};
