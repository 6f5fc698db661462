namespace Multiprocessing.Notebooks;
