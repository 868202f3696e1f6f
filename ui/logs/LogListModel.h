#pragma once

#include "core/common/Result.h"
#include "core/model/LogEvent.h"

#include <QAbstractTableModel>
#include <QStringList>

class LogStore;

/**
 * @brief The tenant's log events as a table (date, type, user, application), newest first, filtered
 *        by the store and read a page at a time as the view scrolls (canFetchMore/fetchMore), so that
 *        every event, however old, can be reached; kept in step with LogStore::recorded().
 *
 * The rows held are always the first rowCount() events of the filter, so a recorded event goes in
 * when it sorts among them (a new one does: it is the newest). The event's description is the rows'
 * tooltip. Every text shown goes through LogStore::maskPhonesIn(), so no row shows a full phone
 * number even where the store does not mask (user name, client name).
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
        ApplicationColumn,
        ColumnCount
    };
    enum class Role
    {
        LogId = Qt::UserRole,
        Type,
        Date,
    };

    /// How many events one fetch reads. A list view reads twice after every reset (the page read inside
    /// it, then QTreeView's own fetch when it lays the rows out), so two pages fill a tall window.
    static constexpr int kPageSize = 50;

    explicit LogListModel(LogStore &store, QObject *parent = nullptr);

    /// Reads the types stored and the first page of the filter again; returns the error text if it failed.
    QString reload();
    /// Shows the events that pass @p filter (its limit and before* aside), from the first page; the error.
    QString setFilter(const LogFilter &filter);
    const LogFilter &filter() const { return m_filter; }
    /// The event at @p row.
    const LogEvent &event(int row) const { return m_events.at(row); }
    /// The row of @p logId among the rows read, or -1.
    int rowOf(const QString &logId) const;
    /// The type codes of the events stored, sorted.
    QStringList types() const { return m_types; }

    /// The event as pretty JSON (Auth0's field names), phone numbers masked.
    static QString prettyJson(const LogEvent &event);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

Q_SIGNALS:
    /// The set of type codes stored changed.
    void typesChanged();
    /// Reading the next page failed (fetchMore() has no other way to say it).
    void failed(const QString &error);

private:
    /// Reads the next page and notes when it was the last.
    Result<QList<LogEvent>> readPage();
    /// Appends readPage(); the error text.
    QString readOn();
    void insertEvent(const LogEvent &event);

    LogStore &m_store;
    LogFilter m_filter;
    QList<LogEvent> m_events;
    QStringList m_types;
    bool m_busy = false; ///< reading or changing: no fetch nested in the model's own change
    bool m_atEnd = true; ///< nothing to read before reload(), or every event of the filter is held
};
