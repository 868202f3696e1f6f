#pragma once

#include <QWidget>

class PlivoSandbox;
class QLabel;
class QPushButton;
class QTreeView;
class TestPhoneModel;

/**
 * @brief The Test phone: every SMS that reaches the local sandbox, live, newest first, with the code
 *        one click away.
 */
class TestPhoneWindow : public QWidget
{
    Q_OBJECT

public:
    explicit TestPhoneWindow(PlivoSandbox &sandbox, QWidget *parent = nullptr);

    TestPhoneModel *model() const { return m_model; }
    /// Copies the code of the selected message (or the newest) to the clipboard; returns it.
    QString copyCode();

private:
    void updateState();

    PlivoSandbox &m_sandbox;
    TestPhoneModel *m_model;
    QTreeView *m_view;
    QLabel *m_status;
    QLabel *m_latestCode;
    QPushButton *m_copy;
};
