// One cluster at a time: the tests compare this process's children before and after, and two cores are few.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
