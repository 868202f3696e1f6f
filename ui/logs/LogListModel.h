#pragma once

#include "core/common/Result.h"
#include "core/model/LogEvent.h"
#include "ui/common/PageFiller.h"

#include <QAbstractTableModel>
#include <QStringList>

class LogStore;

/**
 * @brief The tenant's log events as a table (date, type, user, application), newest first, filtered
 *        by the store and read a page at a time as the view scrolls (canFetchMore/fetchMore), so that
 *        every event, however old, can be reached; kept in step with LogStore::recorded().
 *
 * The rows held are always the matches among the events looked at so far, so a recorded event goes in
 * when it sorts among them (a new one does: it is the newest). A user filter that walks the list looks
 * at no more than examineAtMost() events per read and goes on from the event loop until the page is
 * full, so no keystroke blocks the window for long whatever the matches. The event's description is the rows'
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
    /// How many events one read of a walking user filter looks at, at most (a few ms at 1,000,000).
    static constexpr int kExamineAtMost = 20000;

    explicit LogListModel(LogStore &store, QObject *parent = nullptr);

    /// Reads the types stored (the error text if that failed), then the filter again as setFilter() does.
    QString reload();
    /// Shows the events that pass @p filter (its limit and before* aside), read from the event loop from
    /// the first page on (failed() says when a read fails).
    void setFilter(const LogFilter &filter);
    const LogFilter &filter() const { return m_filter; }
    /// The event at @p row.
    const LogEvent &event(int row) const { return m_events.at(row); }
    /// The row of @p logId among the rows read, or -1.
    int rowOf(const QString &logId) const;
    /// Reads on, now, until @p logId is among the rows or the filter has no more; its row, or -1.
    int fetchThrough(const QString &logId);
    /// The type codes of the events stored, sorted.
    QStringList types() const { return m_types; }
    int examineAtMost() const { return m_examineAtMost; }
    /// Sets how many events one read of a walking user filter looks at, at most (from the next read on).
    void setExamineAtMost(int events) { m_examineAtMost = qMax(1, events); }
    /// Whether a filter is still going on from the event loop to fill the page.
    bool isSearching() const { return m_filler.isFilling(); }

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
    /// isSearching() changed.
    void searchingChanged(bool searching);

private:
    /// Reads the next page (at most what the filler wants, events), and notes how far it looked and whether
    /// it was the last.
    Result<QList<LogEvent>> readPage();
    /// Appends readPage(); the error text.
    QString readOn();
    /// Whether @p event is newer than the last event looked at, so that it belongs among the rows.
    bool lookedAt(const LogEvent &event) const;
    void insertEvent(const LogEvent &event);

    LogStore &m_store;
    LogFilter m_filter;
    QList<LogEvent> m_events;
    QDateTime m_lookedThroughDate; ///< with m_lookedThroughLogId: every event down to it has been looked at
    QString m_lookedThroughLogId;
    int m_examineAtMost = kExamineAtMost;
    PageFiller m_filler; ///< reads the page from the event loop
    QStringList m_types;
    bool m_busy = false; ///< reading or changing: no fetch nested in the model's own change
    bool m_atEnd = true; ///< nothing to read before reload(), or every event of the filter is held
};
