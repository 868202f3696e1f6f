#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

class CustomActionService;
struct CustomAction;

/**
 * @brief The tenant's custom actions as a table (name, trigger, status, updated), sorted by name and kept
 *        in step with CustomActionService's signals.
 *
 * One action changing touches one row: an added action is inserted (rowsInserted), a changed or deployed
 * one emits dataChanged() for its row only when what the table shows changed (and moves the row first when
 * a rename changes its place), a removed one is taken out (rowsRemoved). Only reload() resets the model.
 */
class CustomActionListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        TriggerColumn,
        StatusColumn,
        UpdatedColumn,
        ColumnCount
    };
    enum class Role
    {
        ActionId = Qt::UserRole,
        TriggerId,
        /// The number of the deployed version; 0 when the action was never deployed.
        DeployedVersion,
    };

    explicit CustomActionListModel(CustomActionService &service, QObject *parent = nullptr);

    /// Reloads every row from the service; returns the error text if it failed.
    QString reload();
    /// The row of action @p id, or -1.
    int rowOf(const QString &id) const;

    /// "Deployed · v3", "Draft changes not deployed" (a deployed action whose draft was edited since) or
    /// "Not deployed yet".
    static QString statusText(const CustomAction &action);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    /// What the table shows of an action; the draft's code stays in the service.
    struct Row
    {
        QString id;
        QString name;
        QString triggerId;
        int deployedVersion = 0;
        bool allChangesDeployed = false;
        QDateTime updatedAt;
        QString status;

        bool operator==(const Row &other) const;
        bool operator!=(const Row &other) const { return !(*this == other); }
    };
    static Row rowFor(const CustomAction &action);
    static bool lessThan(const Row &a, const Row &b);
    /// Where @p row goes in m_rows, ignoring the row at @p skip.
    int sortedPosition(const Row &row, int skip) const;

    void addAction(const QString &id);
    void updateAction(const QString &id);
    void removeAction(const QString &id);

    CustomActionService &m_service;
    QList<Row> m_rows;
};
