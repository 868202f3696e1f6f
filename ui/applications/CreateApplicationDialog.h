#pragma once

#include "core/model/ApplicationType.h"

#include <QDialog>

class ApplicationService;
class QButtonGroup;
class QLabel;
class QLineEdit;
class QPushButton;
class QWidget;

/**
 * @brief Create Application: a name, one of the four types, and for a single-page app its technology.
 */
class CreateApplicationDialog : public QDialog
{
    Q_OBJECT

public:
    CreateApplicationDialog(ApplicationService &service, QWidget *parent = nullptr);

    /// The client ID of the application created, once the dialog was accepted.
    QString createdClientId() const { return m_createdClientId; }

    /// Chooses @p type, as if its card was clicked.
    void selectType(ApplicationType type);

    void accept() override;

private:
    ApplicationType selectedType() const;
    void updateState();

    ApplicationService &m_service;
    QLineEdit *m_name;
    QLabel *m_nameError;
    QButtonGroup *m_types;
    QWidget *m_technologyBox;
    QButtonGroup *m_technologies;
    QLabel *m_error;
    QPushButton *m_create;
    QString m_createdClientId;
};
