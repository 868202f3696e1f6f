#pragma once

#include <QDialog>

class CustomActionService;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

/**
 * @brief Create Action, "Build from scratch": a name, the trigger the action runs in and its Node.js
 *        runtime, as Auth0 asks them. Create goes through CustomActionService::create().
 *
 * A name breaking CustomActionService::nameProblem() is marked under the field as it is typed and keeps
 * Create disabled; a name already in use is refused by the service and marked the same way. A refused
 * create changes nothing and leaves the dialog open.
 */
class CreateActionDialog : public QDialog
{
    Q_OBJECT

public:
    /// The trigger chosen at first when the caller names none, as in Auth0: "post-login".
    static QString defaultTrigger();
    /// "Node 18" for "node18".
    static QString runtimeLabel(const QString &runtime);

    /**
     * @param triggerId the trigger chosen at first; one of ActionTriggers::runnable(), otherwise
     *        defaultTrigger()
     */
    explicit CreateActionDialog(CustomActionService &service,
                                const QString &triggerId = {},
                                QWidget *parent = nullptr);

    /// The id of the action created, once the dialog was accepted.
    QString createdId() const { return m_createdId; }

    void accept() override;

private:
    void updateState();
    /// Shows @p name under the name field and @p other above the buttons (each hidden when empty).
    void showErrors(const QString &name, const QString &other);

    CustomActionService &m_service;
    QLineEdit *m_name;
    QLabel *m_nameError;
    QComboBox *m_trigger;
    QComboBox *m_runtime;
    QLabel *m_error;
    QPushButton *m_create;
    QString m_createdId;
};
