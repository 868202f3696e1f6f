#pragma once

#include <QDate>
#include <QSortFilterProxyModel>

/**
 * @brief Filters a LogListModel by type code, by user (text in the user name or id, any case) and by a
 *        range of local dates, both ends inclusive; an empty or invalid criterion matches everything.
 */
class LogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setType(const QString &type);
    void setUserText(const QString &text);
    void setDateRange(const QDate &from, const QDate &to);

    QString type() const { return m_type; }
    QString userText() const { return m_user; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_type;
    QString m_user;
    QDate m_from;
    QDate m_to;
};
