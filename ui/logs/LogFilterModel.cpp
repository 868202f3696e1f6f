#include "LogFilterModel.h"

#include "ui/logs/LogListModel.h"

void LogFilterModel::setType(const QString &type)
{
    if (type == m_type)
        return;
    m_type = type;
    invalidateFilter();
}

void LogFilterModel::setUserText(const QString &text)
{
    const QString user = text.trimmed().toLower();
    if (user == m_user)
        return;
    m_user = user;
    invalidateFilter();
}

void LogFilterModel::setDateRange(const QDate &from, const QDate &to)
{
    if (from == m_from && to == m_to)
        return;
    m_from = from;
    m_to = to;
    invalidateFilter();
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_type.isEmpty() && index.data(int(LogListModel::Role::Type)).toString() != m_type)
        return false;
    if (!m_user.isEmpty() && !index.data(int(LogListModel::Role::UserText)).toString().contains(m_user))
        return false;
    if (m_from.isValid() || m_to.isValid()) {
        const QDate day = index.data(int(LogListModel::Role::Date)).toDateTime().toLocalTime().date();
        if (m_from.isValid() && day < m_from)
            return false;
        if (m_to.isValid() && day > m_to)
            return false;
    }
    return true;
}
