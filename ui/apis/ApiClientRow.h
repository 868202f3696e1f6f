#pragma once

#include <QFrame>

class ClientGrantEditor;
class ClientGrantService;
class QCheckBox;
class QLabel;
class QToolButton;

/**
 * @brief One machine-to-machine application on an API's Machine to Machine Applications tab: its name and
 *        client ID, whether it is authorized, and, expanded, the scopes to grant with Update.
 *
 * Checking or unchecking Authorized expands the row, since it only takes effect through Update.
 */
class ApiClientRow : public QFrame
{
    Q_OBJECT

public:
    ApiClientRow(ClientGrantService &grants, const QString &clientId, QWidget *parent = nullptr);

    /// Shows the application named @p name and its grant for @p audience (the API @p apiName), dropping
    /// unsaved choices. Returns the error, if any.
    QString load(const QString &name, const QString &audience, const QString &apiName);

    QString clientId() const { return m_clientId; }
    bool isExpanded() const;
    void setExpanded(bool expanded);
    ClientGrantEditor *editor() const { return m_editor; }

Q_SIGNALS:
    void saved(const QString &what);
    void failed(const QString &error);
    /// The grant changed elsewhere while this row had unsaved choices.
    void changedElsewhere(const QString &name);

private:
    void updateSummary();
    void updateIcons();

    QString m_clientId;
    QString m_name;
    QLabel *m_icon;
    QLabel *m_title;
    QLabel *m_summary;
    QCheckBox *m_authorized;
    QToolButton *m_expand;
    QFrame *m_divider;
    ClientGrantEditor *m_editor;
};
