#pragma once

#include "core/model/LogEvent.h"

#include <QAbstractTableModel>
#include <QStringList>

class LogStore;

/**
 * @brief The tenant's log events as a table (date, type, user, client, description), newest first,
 *        kept in step with LogStore::recorded().
 *
 * Every text shown goes through LogStore::maskPhonesIn(), so no row shows a full phone number even
 * where the store does not mask (user name, client name).
 */
class LogListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        DateColumn,
        TypeColumn,
        UserColumn,
        ClientColumn,
        DescriptionColumn,
        ColumnCount
    };
    enum class Role
    {
        LogId = Qt::UserRole,
        Type,
        /// Lower-cased "user_name user_id", what the user filter matches against.
        UserText,
        Date,
    };

    /// How many events the model holds at most; the oldest go first.
    static constexpr int kMaxRows = 1000;

    explicit LogListModel(LogStore &store, QObject *parent = nullptr);

    /// Reloads the newest kMaxRows events from the store; returns the error text if it failed.
    QString reload();
    /// The event at @p row.
    const LogEvent &event(int row) const { return m_events.at(row); }
    /// The row of @p logId, or -1.
    int rowOf(const QString &logId) const;
    /// The type codes of the events held, sorted.
    QStringList types() const;

    /// The event as pretty JSON (Auth0's field names), phone numbers masked.
    static QString prettyJson(const LogEvent &event);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// The set of type codes held changed.
    void typesChanged();

private:
    void insertEvent(const LogEvent &event);
    void countTypes();

    LogStore &m_store;
    QList<LogEvent> m_events;
    QHash<QString, int> m_typeCounts;
};
