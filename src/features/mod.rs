//! One folder per feature. Each owns its pages and components and builds
//! its data queries on top of the local store; none talks to the network.

pub mod account;
pub mod jobs;
pub mod policies;
pub mod projects;
pub mod status;
pub mod visits;
