#pragma once

#include <QList>
#include <QObject>
#include <QString>

class Tenant;

/**
 * @brief The five steps of the SMS-MFA story, read from the real tenant state.
 *
 */
class SetupChecklist : public QObject
{
    Q_OBJECT

public:
    enum class Step
    {
        Application,
        PlivoIntegration,
        PhoneMessageFlow,
        PhoneFactor,
        PolicyAlways
    };
    Q_ENUM(Step)

    enum class State
    {
        Done,
        ToDo
    };
    Q_ENUM(State)

    struct Item
    {
        Step step;
        State state;
        QString title;
        /// What the step needs, or what was found.
        QString detail;
        /// What the step refers to, when there is one: an application's client id, an integration's id.
        QString clientId;
    };

    explicit SetupChecklist(Tenant &tenant, QObject *parent = nullptr);

    /// The steps in story order, evaluated now.
    QList<Item> items() const;

Q_SIGNALS:
    /// Something the checklist reads has changed.
    void changed();

private:
    Item applicationStep() const;
    Item plivoStep() const;
    Item flowStep() const;
    Item factorStep() const;
    Item policyStep() const;

    Tenant &m_tenant;
};
